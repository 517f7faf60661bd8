package ztguard.rules.image.mutable_tag

import data.ztguard.lib.images

metadata := {
	"id": "ZT-IMG-001",
	"title": "Image referenced by a mutable tag",
	"description": "An image with no tag, or with a tag that is moved as a matter of course (`latest`, `stable`, ...), and no digest, can change under the same name: what was scanned and signed is not what runs.",
	"pillar": "image",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Pin the image by digest (`name@sha256:...`), or at least reference an immutable version tag.",
	"controls": {
		"nist-800-190": ["4.2.2"],
		"nist-800-53": ["CM-2", "SI-7"],
		"pci-dss-4.0": ["6.5.1"],
		"soc2": ["CC8.1"],
	},
	"params": {
		"mutable_tags": "tags treated as mutable",
		"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge",
	},
}

params := data.ztguard.params[metadata.id]

findings contains finding if {
	some wi, w in input.workloads
	some ci, c in w.containers
	c.image.digest == null
	not images.matches_any(c.image, params.exempt_images)
	some reason in mutable(c.image)
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` runs `%s`, %s", [c.name, c.image.name, reason]),
		"pointer": sprintf("/workloads/%d/containers/%d/image", [wi, ci]),
	}
}

mutable(image) := {"which has no tag and so means `latest`"} if image.tag == null

mutable(image) := {sprintf("whose tag `%s` is moved as a matter of course", [image.tag])} if {
	image.tag in params.mutable_tags
}
