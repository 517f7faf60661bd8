package ztguard.rules.privilege.rbac_anonymous

binding(subject) := {"rbac": {"bindings": [{
	"kind": "ClusterRoleBinding", "namespace": null, "name": "open",
	"role_ref": {"kind": "ClusterRole", "namespace": null, "name": "view"},
	"subjects": [{"kind": "Group", "name": subject, "namespace": null}],
}]}}

test_anonymous_subjects_are_flagged if {
	some f in findings with input as binding("system:unauthenticated")
	f.message == "ClusterRoleBinding `open` grants ClusterRole `view` to `system:unauthenticated`"
}

test_authenticated_groups_pass_unless_asked if {
	count(findings) == 0 with input as binding("system:authenticated")
	count(findings) == 1 with input as binding("system:authenticated")
		with data.ztguard.params["ZT-PRV-027"].include_authenticated as true
}

test_allowed_roles_pass if {
	count(findings) == 0 with input as binding("system:anonymous") with data.ztguard.params["ZT-PRV-027"].allowed_roles as ["view"]
}
