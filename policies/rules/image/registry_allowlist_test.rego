package ztguard.rules.image.registry_allowlist

facts(type, registry, repository) := {"workloads": [{
	"kind": "Pod", "namespace": "default", "name": "p",
	"containers": [{"name": "c", "type": type, "image": {
		"name": "x", "registry": registry, "repository": repository, "tag": "1", "digest": null,
	}}],
}]}

test_image_outside_the_allowlist_is_denied if {
	some f in findings with input as facts("container", "registry.example.com.evil.io", "app")
		with data.ztguard.params["ZT-IMG-002"].allowed as ["registry.example.com"]
	not f.action
	f.resource.image == "registry.example.com.evil.io/app:1"
}

test_image_inside_the_allowlist_passes if {
	count(findings) == 0 with input as facts("init", "registry.example.com", "team/app")
		with data.ztguard.params["ZT-IMG-002"].allowed as ["registry.example.com"]
}

test_init_and_ephemeral_containers_are_held_to_it if {
	count(findings) == 1 with input as facts("ephemeral", "docker.io", "acme-evil/app")
		with data.ztguard.params["ZT-IMG-002"].allowed as ["docker.io/acme"]
}

test_without_configuration_every_image_is_a_warning if {
	some f in findings with input as facts("container", "ghcr.io", "acme/app")
	f.action == "warn"
	contains(f.message, "no trusted registries are configured")
}
