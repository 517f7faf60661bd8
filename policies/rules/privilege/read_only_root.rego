package ztguard.rules.privilege.read_only_root

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-015",
	"title": "Container root filesystem is writable",
	"description": "A writable root filesystem lets an intruder drop tools and persist changes in the container.",
	"pillar": "privilege",
	"severity": "low",
	"action": "warn",
	"stages": ["build", "admission"],
	"remediation": "Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` where the process must write.",
	"controls": {
		"cis-kubernetes": ["5.7.3"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["CM-7", "SI-7"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"soc2": ["CC6.1", "CC6.8"],
	},
	"params": {
		"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

findings contains finding if {
	some [wi, ci, w, c] in pss.containers(metadata.id)
	c.security.read_only_root_filesystem == false
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` has a writable root filesystem", [c.name]),
		"pointer": pss.pointer(wi, ci, "security/read_only_root_filesystem"),
	}
}
