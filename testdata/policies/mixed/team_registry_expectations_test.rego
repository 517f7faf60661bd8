# Tests of examples/acme-policies' ACME-REG-001, one of them wrong on purpose: `ztguard test`
# and `cargo test` must report it with what it expected and what it got.
package acme.team_registry_expectations_test

import data.ztguard.lib.testing
import data.ztguard.rules.acme.team_registry

params := {"registry": "registry.acme.example", "shared": []}

deployment(repository) := {"workloads": [{
	"kind": "Deployment", "namespace": "shop", "name": "web", "labels": {"team": "shop"},
	"containers": [{"name": "app", "kind": "container", "image": {
		"name": sprintf("registry.acme.example/%s:1.0", [repository]),
		"registry": "registry.acme.example", "repository": repository, "tag": "1.0", "digest": null,
	}}],
}]}

test_base_images_are_not_shared_unless_configured if {
	found := team_registry.findings with input as deployment("base/nginx")
		with data.ztguard.params["ACME-REG-001"] as params
	testing.equal(count(found), 1)
}

# Wrong: the team's own project is allowed, so there is no finding.
test_own_project_is_flagged if {
	found := team_registry.findings with input as deployment("shop/web")
		with data.ztguard.params["ACME-REG-001"] as params
	testing.equal(count(found), 1)
}
