package ztguard.rules.privilege.rbac_cluster_admin

import data.ztguard.lib.fixtures

everything := {"api_groups": ["*"], "resources": ["*"], "verbs": ["*"]}

test_every_permission_cluster_wide_is_flagged if {
	count(findings) == 1 with input as fixtures.rbac([fixtures.permission(fixtures.alice, null, everything, ["every permission"])])
}

test_namespaced_admin_and_system_subjects_pass if {
	count(findings) == 0 with input as fixtures.rbac([fixtures.permission(fixtures.alice, "shop", everything, ["every permission"])])
	count(findings) == 0 with input as fixtures.rbac([fixtures.permission(["Group", null, "system:masters"], null, everything, ["every permission"])])
}

test_public_groups_are_not_system_subjects if {
	count(findings) == 1 with input as fixtures.rbac([fixtures.permission(["Group", null, "system:authenticated"], null, everything, ["every permission"])])
}
