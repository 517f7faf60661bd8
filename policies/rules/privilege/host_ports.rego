package ztguard.rules.privilege.host_ports

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-008",
	"title": "Container binds a host port",
	"description": "A host port exposes the container on the node's own address, past the cluster's network policies and services.",
	"pillar": "privilege",
	"severity": "medium",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Expose the container through a Service instead of a host port, or allow the port in `ztguard.params.ZT-PRV-008.allowed`.",
	"controls": {
		"cis-kubernetes": ["5.2.13"],
		"nist-800-190": ["4.4.2"],
		"nist-800-53": ["SC-7"],
		"pci-dss-4.0": ["2.2.1", "2.2.6", "1.2.5"],
		"pod-security-standards": ["baseline:host-ports"],
		"soc2": ["CC6.1", "CC6.8"],
	},
	"params": {
		"allowed": "host ports that may be bound: numbers, or objects with `min` and `max`",
		"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

findings contains finding if {
	some [wi, ci, w, c] in pss.containers(metadata.id)
	some pi, p in c.ports
	port := object.get(p, "host_port", 0)
	port != 0
	not allowed_port(port)
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` binds host port %d", [c.name, port]),
		"pointer": pss.pointer(wi, ci, sprintf("ports/%d/host_port", [pi])),
	}
}

allowed_port(port) if port in object.get(params, "allowed", [])

allowed_port(port) if {
	some range in object.get(params, "allowed", [])
	is_object(range)
	port >= range.min
	port <= range.max
}
