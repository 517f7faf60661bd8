package ztguard.rules.segmentation.default_deny_ingress

workload := {"kind": "Deployment", "namespace": "shop", "name": "web", "containers": []}

policy(selector, types) := {
	"namespace": "shop", "name": "p",
	"pod_selector": selector, "policy_types": types, "ingress": [], "egress": [],
}

test_namespace_without_policies_is_flagged if {
	some f in findings with input as {"workloads": [workload], "network": {"namespaces": [], "policies": []}}
	f.resource == {"kind": "Namespace", "name": "shop"}
	f.pointer == "/workloads/0"
}

test_declared_namespace_is_pointed_at if {
	facts := {"workloads": [], "network": {"namespaces": [{"name": "shop"}], "policies": []}}
	some f in findings with input as facts
	f.pointer == "/network/namespaces/0"
}

test_default_deny_policy_isolates if {
	facts := {"workloads": [workload], "network": {"namespaces": [], "policies": [policy({}, ["Ingress"])]}}
	count(findings) == 0 with input as facts
}

test_policy_selecting_some_pods_does_not_isolate_all if {
	selector := {"matchLabels": {"app": "web"}}
	facts := {"workloads": [workload], "network": {"namespaces": [], "policies": [policy(selector, ["Ingress"])]}}
	count(findings) == 1 with input as facts
}

test_egress_only_policy_does_not_isolate_ingress if {
	facts := {"workloads": [workload], "network": {"namespaces": [], "policies": [policy({}, ["Egress"])]}}
	count(findings) == 1 with input as facts
}

test_policy_that_admits_every_source_is_not_default_deny if {
	open := object.union(policy({}, ["Ingress"]), {"ingress": [{"ports": [{"port": 80}]}]})
	facts := {"workloads": [workload], "network": {"namespaces": [], "policies": [open]}}
	count(findings) == 1 with input as facts
}

test_rule_with_sources_keeps_isolation if {
	limited := object.union(policy({}, ["Ingress"]), {"ingress": [{"from": [{"podSelector": {}}]}]})
	facts := {"workloads": [workload], "network": {"namespaces": [], "policies": [limited]}}
	count(findings) == 0 with input as facts
}

test_null_selector_parts_select_all if {
	selector := {"matchLabels": null, "matchExpressions": null}
	facts := {"workloads": [workload], "network": {"namespaces": [], "policies": [policy(selector, ["Ingress"])]}}
	count(findings) == 0 with input as facts
}
