# Each team pushes its images to its own project of the company registry; a workload labelled
# for a team runs only that team's images (or shared base images).
package ztguard.rules.acme.team_registry

import data.ztguard.lib.images

metadata := {
	"id": "ACME-REG-001",
	"title": "Image outside the owning team's registry project",
	"pillar": "image",
	"severity": "medium",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Push the image to `<registry>/<team>/` and deploy it from there.",
	"controls": {"nist-800-53": ["CM-7"]},
	"params": {
		"registry": "the company registry",
		"shared": "projects every team may use, such as `base`",
	},
}

params := data.ztguard.params[metadata.id]

allowed(team, image) if {
	image.registry == params.registry
	startswith(image.repository, sprintf("%s/", [team]))
}

allowed(_, image) if {
	image.registry == params.registry
	some project in params.shared
	startswith(image.repository, sprintf("%s/", [project]))
}

findings contains finding if {
	some wi, w in input.workloads
	team := w.labels.team
	some ci, c in w.containers
	not allowed(team, c.image)
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf(
			"container `%s` of team `%s` runs `%s`, from outside `%s/%s/`",
			[c.name, team, c.image.name, params.registry, team],
		),
		"pointer": sprintf("/workloads/%d/containers/%d/image", [wi, ci]),
	}
}
