package ztguard.rules.privilege.rbac_default_service_account

import data.ztguard.lib.fixtures

test_default_service_account_grants_are_flagged if {
	count(findings) == 1 with input as fixtures.rbac([fixtures.permission(["ServiceAccount", "shop", "default"], "shop", {"resources": ["pods"], "verbs": ["get"]}, [])])
}

test_named_service_accounts_pass if {
	count(findings) == 0 with input as fixtures.rbac([fixtures.permission(["ServiceAccount", "shop", "web"], "shop", {"resources": ["pods"], "verbs": ["get"]}, [])])
}
