package ztguard.rules.segmentation.exposure_external_ips

service(ips) := {"network": {"services": [{"namespace": "shop", "name": "web", "type": "ClusterIP", "selector": {}, "node_ports": [], "external_ips": ips}]}}

test_external_ips_are_flagged_unless_allowed if {
	count(findings) == 1 with input as service(["1.1.1.1"])
	count(findings) == 0 with input as service(["203.0.113.0"]) with data.ztguard.params["ZT-SEG-012"].allowed_ips as ["203.0.113.0"]
}

test_services_without_external_ips_pass if {
	count(findings) == 0 with input as service([])
}
