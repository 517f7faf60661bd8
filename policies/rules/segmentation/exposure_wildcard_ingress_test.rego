package ztguard.rules.segmentation.exposure_wildcard_ingress

ingress(hosts) := {"network": {"ingresses": [{"namespace": "shop", "name": "web", "hosts": hosts}]}}

test_missing_and_wildcard_hosts_are_flagged if {
	count(findings) == 2 with input as ingress([null, "*.example.com"])
}

test_named_hosts_pass if {
	count(findings) == 0 with input as ingress(["shop.example.com"])
}

test_a_default_backend_is_flagged if {
	some f in findings with input as {"network": {"ingresses": [{"namespace": "shop", "name": "web", "hosts": ["shop.example.com"], "default_backend": true}]}}
	f.message == "Ingress `web` has a default backend, so it answers for every host"
	f.pointer == "/network/ingresses/0/default_backend"
}
