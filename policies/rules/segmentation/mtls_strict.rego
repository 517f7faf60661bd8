package ztguard.rules.segmentation.mtls_strict

import data.ztguard.lib.k8s

metadata := {
	"id": "ZT-SEG-007",
	"title": "Mesh workload accepts traffic without mutual TLS",
	"description": "In PERMISSIVE or DISABLE mode a workload in the mesh also accepts plain-text connections, which carry no verified identity: AuthorizationPolicies on identities cannot hold.",
	"pillar": "segmentation",
	"severity": "high",
	"action": "deny",
	"stages": ["admission", "runtime"],
	"remediation": "Set a mesh-wide PeerAuthentication with `mtls.mode: STRICT` in the root namespace, and remove namespace, workload or port overrides that weaken it.",
	"controls": {
		"nist-800-190": ["4.3.3"],
		"nist-800-53": ["SC-8", "IA-3"],
		"pci-dss-4.0": ["4.2.1"],
		"soc2": ["CC6.7"],
	},
}

findings contains finding if {
	some wi, w in input.workloads
	k8s.in_mesh(w)
	net := input.network.workloads[wi]
	some why in weak(net)
	finding := {
		"resource": k8s.workload_resource(w),
		"message": sprintf("%s `%s` %s", [w.kind, w.name, why]),
		"pointer": sprintf("/network/workloads/%d", [wi]),
	}
}

weak(net) := {sprintf("accepts traffic in mTLS mode `%s`", [net.mtls])} if net.mtls != "STRICT"

weak(net) := {sprintf("accepts traffic on port %v in mTLS mode `%s`", [port, mode]) |
	some port, mode in net.mtls_ports
	mode != "STRICT"
} if net.mtls == "STRICT"
