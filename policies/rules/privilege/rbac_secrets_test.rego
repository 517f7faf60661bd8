package ztguard.rules.privilege.rbac_secrets

import data.ztguard.lib.fixtures

test_reading_secrets_is_flagged if {
	some f in findings with input as fixtures.rbac([fixtures.permission(fixtures.alice, null, {"resources": ["secrets"], "verbs": ["list"]}, ["read secrets"])])
	f.message == "User `alice` can read secrets cluster-wide, through ClusterRole `r`"
}

test_named_secrets_and_other_resources_pass if {
	count(findings) == 0 with input as fixtures.rbac([fixtures.permission(fixtures.alice, null, {"resources": ["secrets"], "verbs": ["get"], "resource_names": ["tls"]}, [])])
	count(findings) == 0 with input as fixtures.rbac([fixtures.permission(fixtures.alice, null, {"resources": ["configmaps"], "verbs": ["get"]}, [])])
}
