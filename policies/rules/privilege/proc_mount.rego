package ztguard.rules.privilege.proc_mount

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-011",
	"title": "Container unmasks /proc",
	"description": "An `Unmasked` /proc mount exposes kernel interfaces the runtime normally hides.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Remove `procMount: Unmasked`.",
	"controls": {
		"cis-kubernetes": ["5.7.3"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["SC-39", "CM-7"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["baseline:proc-mount"],
		"soc2": ["CC6.1", "CC6.8"],
	},
	"params": {
		"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

findings contains finding if {
	some [wi, ci, w, c] in pss.containers(metadata.id)
	c.security.proc_mount != "Default"
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` mounts /proc as `%s`", [c.name, c.security.proc_mount]),
		"pointer": pss.pointer(wi, ci, "security/proc_mount"),
	}
}
