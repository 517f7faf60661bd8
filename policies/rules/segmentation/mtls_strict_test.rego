package ztguard.rules.segmentation.mtls_strict

facts(mtls, ports) := {
	"workloads": [{"kind": "Deployment", "namespace": "shop", "name": "api", "labels": {}, "containers": []}],
	"network": {
		"namespaces": [{"name": "shop", "labels": {"istio-injection": "enabled"}}],
		"workloads": [{"workload": 0, "ingress_isolated": true, "egress_isolated": true, "reachable_from": [], "mtls": mtls, "mtls_ports": ports, "authorization_policies": []}],
	},
}

test_permissive_mode_is_flagged if {
	some f in findings with input as facts("PERMISSIVE", {})
	f.message == "Deployment `api` accepts traffic in mTLS mode `PERMISSIVE`"
}

test_port_overrides_are_flagged if {
	some f in findings with input as facts("STRICT", {"9090": "DISABLE"})
	f.message == "Deployment `api` accepts traffic on port 9090 in mTLS mode `DISABLE`"
}

test_strict_passes if {
	count(findings) == 0 with input as facts("STRICT", {})
}

test_workloads_outside_the_mesh_are_not_judged if {
	outside := object.union(facts("PERMISSIVE", {}), {"network": {"namespaces": [{"name": "shop", "labels": {}}]}})
	count(findings) == 0 with input as outside
}
