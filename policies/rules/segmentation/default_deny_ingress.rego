package ztguard.rules.segmentation.default_deny_ingress

import data.ztguard.lib.k8s

metadata := {
	"id": "ZT-SEG-001",
	"title": "Namespace without default-deny ingress",
	"description": "Until a NetworkPolicy selects every pod of a namespace for ingress, pods no policy selects accept traffic from anywhere in the cluster: a compromised pod can reach them.",
	"pillar": "segmentation",
	"severity": "medium",
	"action": "warn",
	"stages": ["build", "admission", "runtime"],
	"remediation": "Add a NetworkPolicy with an empty `podSelector` and `policyTypes: [Ingress]` to the namespace, then allow the traffic each workload needs.",
	"controls": {
		"cis-kubernetes": ["5.3.2"],
		"nist-800-190": ["4.3.3"],
		"nist-800-53": ["SC-7", "AC-4"],
		"pci-dss-4.0": ["1.2.1", "1.3.1"],
		"soc2": ["CC6.1", "CC6.6"],
	},
}

findings contains finding if {
	some ns in k8s.namespaces
	not isolated(ns)
	finding := {
		"resource": {"kind": "Namespace", "name": ns},
		"message": sprintf("no NetworkPolicy isolates every pod of namespace `%s` for ingress", [ns]),
		"pointer": pointer(ns),
	}
}

# A policy that selects every pod for ingress isolates them all, unless one such policy has
# a rule with no `from`, which admits every source again.
isolated(ns) if {
	some p in input.network.policies
	covers_all_ingress(p, ns)
	not admits_all_sources(ns)
}

admits_all_sources(ns) if {
	some p in input.network.policies
	covers_all_ingress(p, ns)
	some rule in p.ingress
	count(object.get(rule, "from", [])) == 0
}

covers_all_ingress(p, ns) if {
	p.namespace == ns
	"Ingress" in p.policy_types
	selects_all(p.pod_selector)
}

selects_all(selector) if {
	is_object(selector)
	empty(object.get(selector, "matchLabels", {}))
	empty(object.get(selector, "matchExpressions", []))
}

empty(x) if x == null

empty(x) if {
	x != null
	count(x) == 0
}

# Point at the namespace when it is declared, else at its first workload.
pointer(ns) := sprintf("/network/namespaces/%d", [first]) if {
	first := min({i | some i, n in input.network.namespaces; n.name == ns})
} else := sprintf("/workloads/%d", [first]) if {
	first := min({i | some i, w in input.workloads; w.namespace == ns})
}
