package ztguard.rules.segmentation.sensitive_reachable

metadata := {
	"id": "ZT-SEG-006",
	"title": "Sensitive workload reachable from outside its namespace",
	"description": "Workloads labelled sensitive (a parameter) should be reachable only from their own namespace, and from namespaces named in their allowance.",
	"pillar": "segmentation",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission", "runtime"],
	"remediation": "Isolate the workload for ingress and allow only its own namespace's clients, or list the namespaces in `ztguard.params.ZT-SEG-006.allowed_namespaces`.",
	"controls": {
		"nist-800-190": ["4.3.3", "4.3.4"],
		"nist-800-53": ["SC-7", "AC-4"],
		"pci-dss-4.0": ["1.3.1"],
		"soc2": ["CC6.1", "CC6.6"],
	},
	"params": {
		"labels": "labels that mark a workload sensitive (any one matching)",
		"allowed_namespaces": "namespaces that may reach sensitive workloads anywhere",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

sensitive(w) if {
	some key, value in object.get(params, "labels", {"ztguard.dev/sensitive": "true"})
	w.labels[key] == value
}

findings contains finding if {
	some wi, w in input.workloads
	sensitive(w)
	some ri, reach in input.network.workloads[wi].reachable_from
	reach.namespace != w.namespace
	not reach.namespace in object.get(params, "allowed_namespaces", [])
	sender := input.workloads[reach.workload]
	finding := {
		"resource": {"kind": w.kind, "namespace": w.namespace, "name": w.name},
		"message": sprintf("sensitive %s `%s` can be reached from namespace `%s`: %s `%s` may connect (egress: %s; ingress: %s)", [
			w.kind, w.name, reach.namespace, sender.kind, sender.name, reach.egress, reach.ingress,
		]),
		"pointer": sprintf("/network/workloads/%d/reachable_from/%d", [wi, ri]),
	}
}
