package ztguard.rules.segmentation.authorization_required

import data.ztguard.lib.k8s

metadata := {
	"id": "ZT-SEG-008",
	"title": "Mesh workload without an AuthorizationPolicy",
	"description": "Without an ALLOW AuthorizationPolicy, a mesh workload accepts every authenticated peer: identity is verified but never checked against who may call. DENY policies alone do not count, since they let through every peer they do not name.",
	"pillar": "segmentation",
	"severity": "medium",
	"action": "deny",
	"stages": ["admission", "runtime"],
	"remediation": "Add an ALLOW AuthorizationPolicy naming the service accounts (principals) that may call the workload, over a mesh-wide deny-by-default policy.",
	"controls": {
		"nist-800-190": ["4.3.3"],
		"nist-800-53": ["AC-3", "AC-4"],
		"pci-dss-4.0": ["7.2.1"],
		"soc2": ["CC6.1", "CC6.6"],
	},
}

findings contains finding if {
	some wi, w in input.workloads
	k8s.in_mesh(w)
	applied := input.network.workloads[wi].authorization_policies
	not allow_policy(applied)
	finding := {
		"resource": k8s.workload_resource(w),
		"message": sprintf("%s `%s` is in the mesh but no ALLOW AuthorizationPolicy applies to it%s", [w.kind, w.name, others(applied)]),
		"pointer": sprintf("/network/workloads/%d/authorization_policies", [wi]),
	}
}

# DENY, AUDIT and CUSTOM policies leave every peer they do not name allowed: only an ALLOW
# policy (one with no rules allows nothing) checks callers against a list.
allow_policy(applied) if {
	some p in input.network.authorization_policies
	p.action == "ALLOW"
	sprintf("%s/%s", [p.namespace, p.name]) in applied
}

others(applied) := "" if count(applied) == 0

others(applied) := sprintf(" (only %s)", [concat(", ", applied)]) if count(applied) > 0
