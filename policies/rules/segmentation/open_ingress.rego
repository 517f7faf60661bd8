package ztguard.rules.segmentation.open_ingress

metadata := {
	"id": "ZT-SEG-004",
	"title": "NetworkPolicy allows ingress from every namespace or every pod",
	"description": "A rule with no `from`, or with a peer selecting every namespace, lets anything in the cluster in: the policy isolates nothing on that port.",
	"pillar": "segmentation",
	"severity": "medium",
	"action": "warn",
	"stages": ["build", "admission"],
	"remediation": "Name the peers: a `podSelector`, or a `namespaceSelector` for the namespaces that need access.",
	"controls": {
		"nist-800-190": ["4.3.3"],
		"nist-800-53": ["SC-7", "AC-4"],
		"pci-dss-4.0": ["1.2.1", "1.3.1"],
		"soc2": ["CC6.1", "CC6.6"],
	},
}

findings contains finding if {
	some i, p in input.network.policies
	"Ingress" in p.policy_types
	some j, rule in p.ingress
	some why in open(rule)
	finding := {
		"resource": {"kind": "NetworkPolicy", "namespace": p.namespace, "name": p.name},
		"message": sprintf("NetworkPolicy `%s` lets in %s (ingress rule %d)", [p.name, why, j]),
		"pointer": sprintf("/network/policies/%d/ingress/%d", [i, j]),
	}
}

open(rule) := {"every peer, since the rule names none"} if count(object.get(rule, "from", [])) == 0

open(rule) := {"every pod of every namespace"} if {
	some peer in object.get(rule, "from", [])
	empty(object.get(peer, "namespaceSelector", null))
	every_pod(peer)
}

empty(selector) if {
	is_object(selector)
	count(object.get(selector, "matchLabels", {})) == 0
	count(object.get(selector, "matchExpressions", [])) == 0
}

every_pod(peer) if not peer.podSelector

every_pod(peer) if empty(peer.podSelector)
