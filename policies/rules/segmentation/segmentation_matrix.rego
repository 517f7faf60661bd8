package ztguard.rules.segmentation.segmentation_matrix

metadata := {
	"id": "ZT-SEG-009",
	"title": "Traffic allowed between zones the segmentation matrix keeps apart",
	"description": "The segmentation matrix says which zones (namespaces, or the values of a namespace label such as `tier`) may talk to which. An edge the NetworkPolicies allow between zones the matrix does not list breaks it. Without a matrix the rule is silent.",
	"pillar": "segmentation",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission", "runtime"],
	"remediation": "Tighten the NetworkPolicies of the receiving workload (or the sender's egress) so the edge is no longer allowed, or add the pair to the matrix.",
	"controls": {
		"nist-800-190": ["4.3.3", "4.3.4"],
		"nist-800-53": ["SC-7", "AC-4"],
		"pci-dss-4.0": ["1.3.1", "1.3.2"],
		"soc2": ["CC6.1", "CC6.6"],
	},
	"params": {
		"matrix": "allowed pairs of zones: objects with `from` and `to`; traffic within a zone is always allowed",
		"zone_label": "namespace label whose value is the zone; without it, the namespace name is",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

matrix := object.get(params, "matrix", [])

zone(namespace) := namespace if not params.zone_label

zone(namespace) := value if {
	some ns in input.network.namespaces
	ns.name == namespace
	value := ns.labels[params.zone_label]
}

zone(namespace) := "(none)" if {
	params.zone_label
	not labelled(namespace)
}

labelled(namespace) if {
	some ns in input.network.namespaces
	ns.name == namespace
	ns.labels[params.zone_label]
}

allowed(from, to) if from == to

allowed(from, to) if {
	some pair in matrix
	pair.from == from
	pair.to == to
}

findings contains finding if {
	count(matrix) > 0
	some wi, w in input.workloads
	some ri, reach in input.network.workloads[wi].reachable_from
	from := zone(reach.namespace)
	to := zone(w.namespace)
	not allowed(from, to)
	sender := input.workloads[reach.workload]
	finding := {
		"resource": {"kind": w.kind, "namespace": w.namespace, "name": w.name},
		"message": sprintf("zone `%s` may reach zone `%s`, which the matrix does not allow: %s `%s/%s` may connect to %s `%s` (egress: %s; ingress: %s)", [
			from, to, sender.kind, sender.namespace, sender.name, w.kind, w.name, reach.egress, reach.ingress,
		]),
		"pointer": sprintf("/network/workloads/%d/reachable_from/%d", [wi, ri]),
	}
}
