package ztguard.rules.acme.team_label

metadata := {
	"id": "ACME-LBL-001",
	"title": "Workload without an owning team",
	"pillar": "privilege",
	"severity": "low",
	"action": "warn",
	"stages": ["build"],
	"remediation": "Add the `team` label to the pod template.",
	"controls": {},
	"params": {"label": "the label that names the owning team"},
}

findings contains finding if {
	some i, w in input.workloads
	not w.labels[data.ztguard.params[metadata.id].label]
	finding := {
		"resource": {"kind": w.kind, "namespace": w.namespace, "name": w.name},
		"message": sprintf("%s `%s` has no `%s` label", [w.kind, w.name, data.ztguard.params[metadata.id].label]),
		"pointer": sprintf("/workloads/%d/labels", [i]),
	}
}
