package ztguard.rules.segmentation.open_ingress

facts(rule) := {"network": {"policies": [{"namespace": "shop", "name": "p", "pod_selector": {}, "policy_types": ["Ingress"], "ingress": [rule], "egress": []}]}}

test_rules_without_peers_or_with_every_namespace_are_flagged if {
	count(findings) == 1 with input as facts({"ports": [{"port": 80}]})
	count(findings) == 1 with input as facts({"from": [{"namespaceSelector": {}}]})
}

test_named_peers_pass if {
	count(findings) == 0 with input as facts({"from": [{"namespaceSelector": {"matchLabels": {"team": "web"}}}]})
	count(findings) == 0 with input as facts({"from": [{"namespaceSelector": {}, "podSelector": {"matchLabels": {"app": "gw"}}}]})
}
