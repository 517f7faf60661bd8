package ztguard.rules.acme.team_registry_test

import data.ztguard.lib.testing
import data.ztguard.rules.acme.team_registry

params := {"registry": "registry.acme.example", "shared": ["base"]}

workload(team, image) := {"workloads": [{
	"kind": "Deployment", "namespace": "shop", "name": "web", "labels": {"team": team},
	"containers": [{"name": "app", "kind": "container", "image": image}],
}]}

image(registry, repository) := {
	"name": sprintf("%s/%s:1.0", [registry, repository]),
	"registry": registry, "repository": repository, "tag": "1.0", "digest": null,
}

test_the_teams_own_project_passes if {
	found := team_registry.findings with input as workload("shop", image("registry.acme.example", "shop/web"))
		with data.ztguard.params["ACME-REG-001"] as params
	testing.equal(count(found), 0)
}

test_shared_base_images_pass if {
	found := team_registry.findings with input as workload("shop", image("registry.acme.example", "base/nginx"))
		with data.ztguard.params["ACME-REG-001"] as params
	testing.equal(count(found), 0)
}

test_another_teams_project_is_flagged if {
	found := team_registry.findings with input as workload("shop", image("registry.acme.example", "billing/api"))
		with data.ztguard.params["ACME-REG-001"] as params
	testing.equal(testing.names(found), {"web"})
}

test_another_registry_is_flagged if {
	found := team_registry.findings with input as workload("shop", image("docker.io", "shop/web"))
		with data.ztguard.params["ACME-REG-001"] as params
	testing.equal(count(found), 1)
}
