package ztguard.rules.segmentation.exposure_node_port

service(type) := {"network": {"services": [{"namespace": "shop", "name": "web", "type": type, "selector": {}, "node_ports": [], "external_ips": []}]}}

test_node_port_services_are_flagged if {
	count(findings) == 1 with input as service("NodePort")
	count(findings) == 0 with input as service("NodePort") with data.ztguard.params["ZT-SEG-010"].allowed_namespaces as ["shop"]
}

test_cluster_ip_services_pass if {
	count(findings) == 0 with input as service("ClusterIP")
}
