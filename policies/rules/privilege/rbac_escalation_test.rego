package ztguard.rules.privilege.rbac_escalation

escalation(subject) := {"rbac": {"escalations": [{
	"subject": subject,
	"reaches": {"kind": "ServiceAccount", "namespace": "prod", "name": "deployer"},
	"chain": ["User `ann` can create pods in namespace `prod`, so it can run as ServiceAccount `prod/deployer`"],
	"gains": ["read secrets cluster-wide"],
}]}}

test_escalations_name_the_chain if {
	some f in findings with input as escalation({"kind": "User", "namespace": null, "name": "ann"})
	f.message == "User `ann` can become ServiceAccount `prod/deployer` and gain read secrets cluster-wide: User `ann` can create pods in namespace `prod`, so it can run as ServiceAccount `prod/deployer`"
}

test_system_subjects_are_not_reported if {
	count(findings) == 0 with input as escalation({"kind": "ServiceAccount", "namespace": "kube-system", "name": "replicaset-controller"})
}

test_a_finding_points_at_where_the_chain_starts if {
	facts := {"rbac": {
		"permissions": [{"subject": {"kind": "User", "namespace": null, "name": "dev"}, "rule": {}}],
		"escalations": [{"subject": {"kind": "User", "namespace": null, "name": "dev"}, "reaches": {"kind": "Group", "namespace": null, "name": "system:masters"}, "chain": ["binds cluster-admin"], "gains": ["every permission"]}],
	}}
	some f in findings with input as facts
	f.pointer == "/rbac/permissions/0"
	f.value.reaches.name == "system:masters"
}
