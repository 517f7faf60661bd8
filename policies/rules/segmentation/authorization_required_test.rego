package ztguard.rules.segmentation.authorization_required

facts(policies) := {
	"workloads": [{"kind": "Deployment", "namespace": "shop", "name": "api", "labels": {"sidecar.istio.io/inject": "true"}, "containers": []}],
	"network": {
		"namespaces": [],
		"workloads": [{"workload": 0, "ingress_isolated": true, "egress_isolated": true, "reachable_from": [], "mtls": "STRICT", "mtls_ports": {}, "authorization_policies": policies}],
	},
}

test_mesh_workload_without_policy_is_flagged if {
	count(findings) == 1 with input as facts([])
}

test_a_policy_that_applies_passes if {
	count(findings) == 0 with input as facts(["shop/api-callers"])
}
