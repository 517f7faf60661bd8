package ztguard.rules.privilege.rbac_create_pods

import data.ztguard.lib.fixtures

test_creating_pods_or_workloads_is_flagged if {
	count(findings) == 1 with input as fixtures.rbac([fixtures.permission(fixtures.alice, "ci", {"resources": ["pods"], "verbs": ["create"]}, ["create pods"])])
	count(findings) == 1 with input as fixtures.rbac([fixtures.permission(fixtures.alice, "ci", {"api_groups": ["apps"], "resources": ["deployments"], "verbs": ["create"]}, ["create pods"])])
}

test_reading_pods_passes if {
	count(findings) == 0 with input as fixtures.rbac([fixtures.permission(fixtures.alice, "ci", {"resources": ["pods"], "verbs": ["get", "list"]}, [])])
}
