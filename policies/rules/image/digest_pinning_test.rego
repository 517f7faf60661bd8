package ztguard.rules.image.digest_pinning

facts(namespace, digest) := {"workloads": [{
	"kind": "Pod", "namespace": namespace, "name": "p",
	"containers": [{"name": "c", "image": {"name": "x", "registry": "ghcr.io", "repository": "a", "tag": "1", "digest": digest}}],
}]}

test_unpinned_image_is_flagged_everywhere_by_default if {
	count(findings) == 1 with input as facts("shop", null)
}

test_pinned_image_passes if {
	count(findings) == 0 with input as facts("shop", "sha256:0000000000000000000000000000000000000000000000000000000000000000")
}

test_pinning_can_be_required_per_namespace if {
	count(findings) == 1 with input as facts("prod", null) with data.ztguard.params["ZT-IMG-004"].namespaces as ["prod"]
	count(findings) == 0 with input as facts("dev", null) with data.ztguard.params["ZT-IMG-004"].namespaces as ["prod"]
}
