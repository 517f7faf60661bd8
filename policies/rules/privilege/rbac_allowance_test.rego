package ztguard.rules.privilege.rbac_allowance

import data.ztguard.lib.fixtures

facts := object.union(
	fixtures.rbac([fixtures.permission(["ServiceAccount", "shop", "web"], "shop", {"resources": ["configmaps"], "verbs": ["get", "list"]}, [])]),
	{"workloads": [{"kind": "Deployment", "namespace": "shop", "name": "web", "service_account": "web", "containers": []}]},
)

test_permissions_beyond_the_allowance_are_flagged if {
	some f in findings with input as facts
	f.message == "Deployment `web` runs as ServiceAccount `shop/web`, which may get, list configmaps in namespace `shop` through ClusterRole `r` beyond its allowance"
	allowance := [{"namespace": "shop", "service_account": "web", "allow": [{"api_groups": [""], "resources": ["configmaps"], "verbs": ["get"], "resource_names": []}]}]
	count(findings) == 1 with input as facts with data.ztguard.params["ZT-PRV-029"].allowances as allowance
}

test_allowances_may_name_resources if {
	named := object.union(fixtures.permission(["ServiceAccount", "shop", "web"], "shop", {"resources": ["configmaps"], "verbs": ["get"], "resource_names": ["settings"]}, []), {})
	facts := object.union(fixtures.rbac([named]), {"workloads": [{"kind": "Deployment", "namespace": "shop", "name": "web", "service_account": "web", "containers": []}]})
	allowance := [{"namespace": "shop", "service_account": "web", "allow": [{"resources": ["configmaps"], "verbs": ["get"], "resource_names": ["settings"]}]}]
	count(findings) == 0 with input as facts with data.ztguard.params["ZT-PRV-029"].allowances as allowance
	other := [{"namespace": "shop", "service_account": "web", "allow": [{"resources": ["configmaps"], "verbs": ["get"], "resource_names": ["other"]}]}]
	count(findings) == 1 with input as facts with data.ztguard.params["ZT-PRV-029"].allowances as other
}

test_permissions_within_the_allowance_pass if {
	allowance := [{"namespace": "shop", "service_account": "web", "allow": [{"api_groups": [""], "resources": ["configmaps"], "verbs": ["get", "list"], "resource_names": []}]}]
	count(findings) == 0 with input as facts with data.ztguard.params["ZT-PRV-029"].allowances as allowance
}
