package ztguard.rules.privilege.apparmor

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-009",
	"title": "Container without an allowed AppArmor profile",
	"description": "AppArmor confines what a process may touch; `Unconfined` turns that off.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Set `securityContext.appArmorProfile.type` to `RuntimeDefault` (or a `Localhost` profile), or leave it unset.",
	"controls": {
		"cis-kubernetes": ["5.7.3"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["AC-6", "CM-7"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["baseline:apparmor"],
		"soc2": ["CC6.1", "CC6.8"],
	},
	"params": {
		"allowed": "profile types allowed: `RuntimeDefault`, `Localhost`",
		"localhost_profiles": "`Localhost` profile names allowed; `*` allows any",
		"required": "whether a profile must be set",
		"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

allowed := object.get(params, "allowed", ["RuntimeDefault", "Localhost"])

findings contains finding if {
	some [wi, ci, w, c] in pss.containers(metadata.id)
	some reason in problem(c.security)
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` %s", [c.name, reason]),
		"pointer": pss.pointer(wi, ci, "security/apparmor_profile"),
	}
}

problem(s) := {sprintf("runs with AppArmor profile `%s`, which is not allowed", [s.apparmor_profile])} if {
	s.apparmor_profile != null
	not s.apparmor_profile in allowed
}

problem(s) := {sprintf("runs with local AppArmor profile `%v`, which is not allowed", [s.apparmor_localhost_profile])} if {
	s.apparmor_profile == "Localhost"
	"Localhost" in allowed
	names := object.get(params, "localhost_profiles", ["*"])
	not "*" in names
	not s.apparmor_localhost_profile in names
}

problem(s) := {"sets no AppArmor profile"} if {
	s.apparmor_profile == null
	object.get(params, "required", false) == true
}
