package ztguard.rules.segmentation.authorization_required

import data.ztguard.lib.k8s

metadata := {
	"id": "ZT-SEG-008",
	"title": "Mesh workload without an AuthorizationPolicy",
	"description": "Without an AuthorizationPolicy, a mesh workload accepts every authenticated peer: identity is verified but never checked against who may call.",
	"pillar": "segmentation",
	"severity": "medium",
	"action": "deny",
	"stages": ["admission", "runtime"],
	"remediation": "Add an ALLOW AuthorizationPolicy naming the service accounts (principals) that may call the workload, over a mesh-wide deny-by-default policy.",
	"controls": {
		"nist-800-190": ["4.3.3"],
		"nist-800-53": ["AC-3", "AC-4"],
	},
}

findings contains finding if {
	some wi, w in input.workloads
	k8s.in_mesh(w)
	count(input.network.workloads[wi].authorization_policies) == 0
	finding := {
		"resource": k8s.workload_resource(w),
		"message": sprintf("%s `%s` is in the mesh but no AuthorizationPolicy applies to it", [w.kind, w.name]),
		"pointer": sprintf("/network/workloads/%d/authorization_policies", [wi]),
	}
}
