package ztguard.rules.image.registry_denylist

import data.ztguard.lib.images

metadata := {
	"id": "ZT-IMG-003",
	"title": "Image from a denied registry or repository",
	"description": "Some sources are known to be untrustworthy or retired (a deprecated registry, a public mirror, a compromised namespace); no image may come from them.",
	"pillar": "image",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "registry", "admission"],
	"remediation": "Pull the image from another, trusted, source.",
	"controls": {
		"nist-800-190": ["4.1.5"],
		"nist-800-53": ["CM-7", "SR-3"],
		"pci-dss-4.0": ["6.3.2"],
		"soc2": ["CC6.8", "CC8.1"],
	},
	"params": {"denied": "denied registries or repositories, with the same patterns as ZT-IMG-002"},
}

findings contains finding if {
	some wi, w in input.workloads
	some ci, c in w.containers
	some pattern in data.ztguard.params[metadata.id].denied
	images.matches(c.image, pattern)
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` runs `%s`, which `%s` denies", [c.name, c.image.name, pattern]),
		"pointer": sprintf("/workloads/%d/containers/%d/image", [wi, ci]),
	}
}
