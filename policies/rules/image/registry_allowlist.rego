package ztguard.rules.image.registry_allowlist

import data.ztguard.lib.images

metadata := {
	"id": "ZT-IMG-002",
	"title": "Image from a registry that is not trusted",
	"description": "Only images from registries and repositories you trust may run. Until trusted registries are configured, every image is reported as a warning: nothing is trusted by default.",
	"pillar": "image",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "registry", "admission"],
	"remediation": "Pull the image from a trusted registry (mirror it there), or add its registry or repository to `ztguard.params.ZT-IMG-002.allowed`.",
	"controls": {
		"nist-800-190": ["4.1.5", "4.2.3"],
		"nist-800-53": ["CM-7", "SR-3"],
		"pci-dss-4.0": ["6.3.2"],
		"soc2": ["CC6.8", "CC8.1"],
	},
	"params": {"allowed": "trusted registries or repositories, matched by whole path segment: `registry.example.com`, `ghcr.io/acme`, `acme/*`, `ubuntu:22.04`"},
}

params := data.ztguard.params[metadata.id]

findings contains finding if {
	some wi, w in input.workloads
	some ci, c in w.containers
	count(params.allowed) > 0
	not images.matches_any(c.image, params.allowed)
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` runs `%s` from `%s`, which is not a trusted registry or repository", [c.name, c.image.name, c.image.registry]),
		"pointer": sprintf("/workloads/%d/containers/%d/image", [wi, ci]),
	}
}

findings contains finding if {
	some wi, w in input.workloads
	some ci, c in w.containers
	count(params.allowed) == 0
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` runs `%s`, but no trusted registries are configured (`ztguard.params.ZT-IMG-002.allowed`)", [c.name, c.image.name]),
		"pointer": sprintf("/workloads/%d/containers/%d/image", [wi, ci]),
		"action": "warn",
	}
}
