package ztguard.rules.image.digest_pinning

import data.ztguard.lib.images

metadata := {
	"id": "ZT-IMG-004",
	"title": "Image not pinned by digest",
	"description": "Only a digest names exactly the image that was scanned and signed; any tag, even a version tag, can be pushed again.",
	"pillar": "image",
	"severity": "medium",
	"action": "warn",
	"stages": ["build", "admission"],
	"remediation": "Reference the image as `name@sha256:...` (a tag may stay beside it: `name:1.2@sha256:...`).",
	"controls": {
		"nist-800-190": ["4.2.2"],
		"nist-800-53": ["CM-2", "SI-7"],
		"pci-dss-4.0": ["6.5.1"],
		"soc2": ["CC8.1"],
	},
	"params": {"namespaces": "namespaces where pinning is required; `*` means every namespace"},
}

findings contains finding if {
	some wi, w in input.workloads
	images.in_namespaces(w, data.ztguard.params[metadata.id].namespaces)
	some ci, c in w.containers
	c.image.digest == null
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` runs `%s`, which is not pinned by digest", [c.name, c.image.name]),
		"pointer": sprintf("/workloads/%d/containers/%d/image", [wi, ci]),
	}
}
