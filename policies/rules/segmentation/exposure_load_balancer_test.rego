package ztguard.rules.segmentation.exposure_load_balancer

service(type) := {"network": {"services": [{"namespace": "edge", "name": "gw", "type": type, "selector": {}, "node_ports": [], "external_ips": []}]}}

test_load_balancers_are_flagged if {
	count(findings) == 1 with input as service("LoadBalancer")
	count(findings) == 0 with input as service("LoadBalancer") with data.ztguard.params["ZT-SEG-011"].allowed_namespaces as ["edge"]
}

test_node_ports_are_another_rule if {
	count(findings) == 0 with input as service("NodePort")
}
