package ztguard.rules.privilege.rbac_escalate

import data.ztguard.lib.fixtures

test_bind_and_impersonate_are_flagged if {
	count(findings) == 1 with input as fixtures.rbac([fixtures.permission(fixtures.alice, null, {"api_groups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["bind"]}, ["bind roles"])])
	count(findings) == 1 with input as fixtures.rbac([fixtures.permission(fixtures.alice, null, {"resources": ["users"], "verbs": ["impersonate"]}, ["impersonate users or groups"])])
}

test_reading_roles_passes if {
	count(findings) == 0 with input as fixtures.rbac([fixtures.permission(fixtures.alice, null, {"api_groups": ["rbac.authorization.k8s.io"], "resources": ["roles"], "verbs": ["get"]}, [])])
}
