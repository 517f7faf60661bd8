package ztguard.rules.image.mutable_tag

facts(image) := {"workloads": [{
	"kind": "Deployment", "namespace": "shop", "name": "web",
	"containers": [{"name": "app", "image": image}],
}]}

test_untagged_image_is_flagged if {
	some f in findings with input as facts({"name": "nginx", "registry": "docker.io", "repository": "library/nginx", "tag": null, "digest": null})
	f.resource.container == "app"
	f.pointer == "/workloads/0/containers/0/image"
	contains(f.message, "has no tag")
}

test_latest_is_flagged if {
	count(findings) == 1 with input as facts({"name": "nginx:latest", "registry": "docker.io", "repository": "library/nginx", "tag": "latest", "digest": null})
}

test_version_tag_passes if {
	count(findings) == 0 with input as facts({"name": "nginx:1.27.1", "registry": "docker.io", "repository": "library/nginx", "tag": "1.27.1", "digest": null})
}

test_digest_pins_even_latest if {
	image := {"name": "nginx:latest@sha256:abc", "registry": "docker.io", "repository": "library/nginx", "tag": "latest", "digest": "sha256:abc"}
	count(findings) == 0 with input as facts(image)
}

test_mutable_tags_are_a_parameter if {
	image := {"name": "nginx:1.27", "registry": "docker.io", "repository": "library/nginx", "tag": "1.27", "digest": null}
	count(findings) == 1 with input as facts(image)
		with data.ztguard.params["ZT-IMG-001"].mutable_tags as ["1.27"]
}

test_exempt_images_are_not_judged if {
	image := {"name": "x", "registry": "docker.io", "repository": "openpolicyagent/opa-exp", "tag": "latest", "digest": null}
	count(findings) == 0 with input as facts(image)
		with data.ztguard.params["ZT-IMG-001"].exempt_images as ["openpolicyagent/opa-exp:latest"]
	count(findings) == 1 with input as facts(image)
		with data.ztguard.params["ZT-IMG-001"].exempt_images as ["openpolicyagent/opa-exp:1"]
}
