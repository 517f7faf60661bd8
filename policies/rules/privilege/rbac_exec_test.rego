package ztguard.rules.privilege.rbac_exec

import data.ztguard.lib.fixtures

test_exec_is_flagged if {
	count(findings) == 1 with input as fixtures.rbac([fixtures.permission(fixtures.alice, "shop", {"resources": ["pods/exec"], "verbs": ["create"]}, ["exec into pods"])])
}

test_logs_pass if {
	count(findings) == 0 with input as fixtures.rbac([fixtures.permission(fixtures.alice, "shop", {"resources": ["pods/log"], "verbs": ["get"]}, [])])
}
