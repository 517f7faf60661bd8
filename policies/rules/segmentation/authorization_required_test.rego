package ztguard.rules.segmentation.authorization_required

policy(name, action) := {"namespace": "shop", "name": name, "action": action, "rules": 1}

facts(labels, applied, policies) := {
	"workloads": [{"kind": "Deployment", "namespace": "shop", "name": "api", "labels": labels, "containers": []}],
	"network": {
		"namespaces": [{"name": "shop", "labels": {"istio-injection": "enabled"}}],
		"authorization_policies": policies,
		"workloads": [{"workload": 0, "ingress_isolated": true, "egress_isolated": true, "reachable_from": [], "mtls": "STRICT", "mtls_ports": {}, "authorization_policies": applied}],
	},
}

test_mesh_workload_without_policy_is_flagged if {
	some f in findings with input as facts({}, [], [])
	f.message == "Deployment `api` is in the mesh but no ALLOW AuthorizationPolicy applies to it"
}

test_an_allow_policy_that_applies_passes if {
	count(findings) == 0 with input as facts({}, ["shop/api-callers"], [policy("api-callers", "ALLOW")])
}

test_a_deny_policy_alone_is_flagged if {
	some f in findings with input as facts({}, ["shop/block-legacy"], [policy("block-legacy", "DENY")])
	f.message == "Deployment `api` is in the mesh but no ALLOW AuthorizationPolicy applies to it (only shop/block-legacy)"
}

test_pods_that_opt_out_of_the_sidecar_are_not_in_the_mesh if {
	count(findings) == 0 with input as facts({"sidecar.istio.io/inject": "false"}, [], [])
}
