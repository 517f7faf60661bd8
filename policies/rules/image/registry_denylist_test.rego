package ztguard.rules.image.registry_denylist

facts(registry, repository) := {"workloads": [{
	"kind": "Pod", "namespace": "default", "name": "p",
	"containers": [{"name": "c", "image": {"name": "x", "registry": registry, "repository": repository, "tag": "1", "digest": null}}],
}]}

test_denied_registry_is_flagged if {
	count(findings) == 1 with input as facts("k8s.gcr.io", "pause")
		with data.ztguard.params["ZT-IMG-003"].denied as ["k8s.gcr.io"]
}

test_lookalike_registry_is_not_denied if {
	count(findings) == 0 with input as facts("k8s.gcr.io.example.com", "pause")
		with data.ztguard.params["ZT-IMG-003"].denied as ["k8s.gcr.io"]
}

test_nothing_is_denied_by_default if {
	count(findings) == 0 with input as facts("k8s.gcr.io", "pause")
}
