package ztguard.rules.segmentation.default_deny_egress

workload := {"kind": "Deployment", "namespace": "shop", "name": "web", "containers": []}

policy(types, egress) := {"namespace": "shop", "name": "p", "pod_selector": {}, "policy_types": types, "ingress": [], "egress": egress}

test_namespace_without_egress_policy_is_flagged if {
	count(findings) == 1 with input as {"workloads": [workload], "network": {"namespaces": [], "policies": [policy(["Ingress"], [])]}}
}

test_default_deny_egress_passes if {
	facts := {"workloads": [workload], "network": {"namespaces": [], "policies": [policy(["Egress"], [{"to": [{"namespaceSelector": {}}], "ports": [{"port": 53, "protocol": "UDP"}]}])]}}
	count(findings) == 0 with input as facts
}

test_an_egress_rule_open_to_everything_is_not_default_deny if {
	facts := {"workloads": [workload], "network": {"namespaces": [], "policies": [policy(["Egress"], [{}])]}}
	count(findings) == 1 with input as facts
}
