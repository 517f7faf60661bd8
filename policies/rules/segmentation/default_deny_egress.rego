package ztguard.rules.segmentation.default_deny_egress

import data.ztguard.lib.k8s

metadata := {
	"id": "ZT-SEG-002",
	"title": "Namespace without default-deny egress",
	"description": "Until a NetworkPolicy selects every pod of a namespace for egress, a compromised pod can connect anywhere: other namespaces, the cloud metadata service, the internet.",
	"pillar": "segmentation",
	"severity": "medium",
	"action": "warn",
	"stages": ["build", "admission", "runtime"],
	"remediation": "Add a NetworkPolicy with an empty `podSelector` and `policyTypes: [Egress]`, then allow DNS and the destinations each workload needs.",
	"controls": {
		"nist-800-190": ["4.4.2"],
		"nist-800-53": ["SC-7", "AC-4"],
		"pci-dss-4.0": ["1.2.1", "1.3.2"],
		"soc2": ["CC6.1", "CC6.6"],
	},
}

findings contains finding if {
	some ns in k8s.namespaces
	not isolated(ns)
	finding := {
		"resource": {"kind": "Namespace", "name": ns},
		"message": sprintf("no NetworkPolicy isolates every pod of namespace `%s` for egress", [ns]),
		"pointer": pointer(ns),
	}
}

isolated(ns) if {
	some p in input.network.policies
	covers_all_egress(p, ns)
	not admits_all_destinations(ns)
}

admits_all_destinations(ns) if {
	some p in input.network.policies
	covers_all_egress(p, ns)
	some rule in p.egress
	count(object.get(rule, "to", [])) == 0
	count(object.get(rule, "ports", [])) == 0
}

covers_all_egress(p, ns) if {
	p.namespace == ns
	"Egress" in p.policy_types
	count(object.get(p.pod_selector, "matchLabels", {})) == 0
	count(object.get(p.pod_selector, "matchExpressions", [])) == 0
}

pointer(ns) := sprintf("/network/namespaces/%d", [first]) if {
	first := min({i | some i, n in input.network.namespaces; n.name == ns})
} else := sprintf("/workloads/%d", [first]) if {
	first := min({i | some i, w in input.workloads; w.namespace == ns})
}
