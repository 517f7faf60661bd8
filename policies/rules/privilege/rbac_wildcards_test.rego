package ztguard.rules.privilege.rbac_wildcards

import data.ztguard.lib.fixtures

test_wildcard_verbs_are_flagged if {
	some f in findings with input as fixtures.rbac([fixtures.permission(fixtures.alice, "shop", {"resources": ["pods"], "verbs": ["*"]}, [])])
	f.message == "User `alice` holds `*` verbs in namespace `shop`, through ClusterRole `r`"
	f.pointer == "/rbac/permissions/0"
}

test_explicit_lists_and_system_subjects_pass if {
	count(findings) == 0 with input as fixtures.rbac([fixtures.permission(fixtures.alice, "shop", {"resources": ["pods"], "verbs": ["get"]}, [])])
	count(findings) == 0 with input as fixtures.rbac([fixtures.permission(fixtures.system_user, null, {"resources": ["*"], "verbs": ["*"]}, ["every permission"])])
}
