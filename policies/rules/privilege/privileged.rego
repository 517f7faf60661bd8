package ztguard.rules.privilege.privileged

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-001",
	"title": "Privileged container",
	"description": "A privileged container has every capability and the host's devices: breaking out of it is breaking into the node.",
	"pillar": "privilege",
	"severity": "critical",
	"action": "deny",
	"stages": ["build", "admission", "runtime"],
	"remediation": "Remove `securityContext.privileged: true`; add only the capabilities the process needs.",
	"params": {"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge"},
	"controls": {
		"cis-kubernetes": ["5.2.2"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["baseline:privileged"],
		"soc2": ["CC6.1", "CC6.8"],
	},
}

findings contains finding if {
	some [wi, ci, w, c] in pss.containers(metadata.id)
	c.security.privileged == true
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` runs privileged", [c.name]),
		"pointer": pss.pointer(wi, ci, "security/privileged"),
	}
}
