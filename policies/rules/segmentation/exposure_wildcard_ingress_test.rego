package ztguard.rules.segmentation.exposure_wildcard_ingress

ingress(hosts) := {"network": {"ingresses": [{"namespace": "shop", "name": "web", "hosts": hosts}]}}

test_missing_and_wildcard_hosts_are_flagged if {
	count(findings) == 2 with input as ingress([null, "*.example.com"])
}

test_named_hosts_pass if {
	count(findings) == 0 with input as ingress(["shop.example.com"])
}
