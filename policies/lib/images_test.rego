package ztguard.lib.images

ref(text) := r if {
	# registry, repository, tag as the adapter parses them, for the cases below
	refs := {
		"registry.example.com/app": {"registry": "registry.example.com", "repository": "app", "tag": null, "digest": null},
		"registry.example.com.evil.io/app": {"registry": "registry.example.com.evil.io", "repository": "app", "tag": null, "digest": null},
		"docker.io/acme/app": {"registry": "docker.io", "repository": "acme/app", "tag": null, "digest": null},
		"docker.io/acme-evil/app": {"registry": "docker.io", "repository": "acme-evil/app", "tag": null, "digest": null},
		"docker.io/library/ubuntu:20.14": {"registry": "docker.io", "repository": "library/ubuntu", "tag": "20.14", "digest": null},
		"docker.io/library/ubuntu:22.04": {"registry": "docker.io", "repository": "library/ubuntu", "tag": "22.04", "digest": null},
		"localhost:5000/team/app": {"registry": "localhost:5000", "repository": "team/app", "tag": null, "digest": null},
		"docker.io/openpolicyagent": {"registry": "docker.io", "repository": "openpolicyagent", "tag": null, "digest": null},
		"docker.io/openpolicyagent/opa": {"registry": "docker.io", "repository": "openpolicyagent/opa", "tag": null, "digest": null},
	}
	r := refs[text]
}

test_registry_patterns_match_whole_segments if {
	matches(ref("registry.example.com/app"), "registry.example.com")
	not matches(ref("registry.example.com.evil.io/app"), "registry.example.com")
}

test_repository_patterns_match_whole_segments if {
	matches(ref("docker.io/acme/app"), "docker.io/acme")
	matches(ref("docker.io/acme/app"), "acme/*")
	not matches(ref("docker.io/acme/app"), "acme")
	not matches(ref("docker.io/acme-evil/app"), "docker.io/acme")
	not matches(ref("docker.io/acme-evil/app"), "acme/*")
}

test_star_means_strictly_below if {
	matches(ref("docker.io/openpolicyagent/opa"), "openpolicyagent/*")
	not matches(ref("docker.io/openpolicyagent"), "openpolicyagent/*")
}

test_a_tag_pattern_matches_only_that_tag if {
	matches(ref("docker.io/library/ubuntu:20.14"), "ubuntu:20.14")
	not matches(ref("docker.io/library/ubuntu:22.04"), "ubuntu:20.14")
}

test_numeric_tags_are_tags_not_ports if {
	matches({"registry": "docker.io", "repository": "library/python", "tag": "3", "digest": null}, "python:3")
	not matches({"registry": "docker.io", "repository": "library/python", "tag": "2", "digest": null}, "python:3")
}

test_future_evidence_is_not_fresh if {
	not fresh("2026-12-02T00:00:00Z", "24h") with input.time as "2026-12-01T12:00:00Z"
	fresh("2026-12-01T12:04:00Z", "24h") with input.time as "2026-12-01T12:00:00Z"
}

test_host_and_port_is_a_registry if {
	matches(ref("localhost:5000/team/app"), "localhost:5000")
	matches(ref("localhost:5000/team/app"), "localhost:5000/team")
}

test_canonical_form if {
	canonical({"registry": "ghcr.io", "repository": "a/b", "tag": "1", "digest": "sha256:x"}) == "ghcr.io/a/b:1@sha256:x"
	canonical({"registry": "ghcr.io", "repository": "a/b", "tag": null, "digest": null}) == "ghcr.io/a/b"
}

test_freshness_is_judged_at_the_facts_time if {
	fresh("2026-12-01T00:00:00Z", "24h") with input.time as "2026-12-01T23:00:00Z"
	not fresh("2026-11-29T00:00:00Z", "24h") with input.time as "2026-12-01T23:00:00Z"
}
