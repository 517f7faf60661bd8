package ztguard.rules.privilege.token_automount

import data.ztguard.lib.fixtures

facts(pod_setting, account_setting) := object.union(
	fixtures.pod([], {"automount_service_account_token": pod_setting, "service_account": "app"}),
	{"rbac": {"service_accounts": [{"namespace": "default", "name": "app", "automount_service_account_token": account_setting}]}},
)

test_default_mounts_the_token if {
	count(findings) == 1 with input as facts(null, null)
}

test_the_pod_setting_wins if {
	count(findings) == 0 with input as facts(false, true)
	count(findings) == 1 with input as facts(true, false)
}

test_the_account_setting_applies_when_the_pod_says_nothing if {
	count(findings) == 0 with input as facts(null, false)
}
