package ztguard.rules.privilege.seccomp

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-012",
	"title": "Container without an allowed seccomp profile",
	"description": "Seccomp filters the system calls a process may make. `Unconfined` turns it off; under the restricted profile it must be set to `RuntimeDefault` or a `Localhost` profile.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod.",
	"controls": {
		"cis-kubernetes": ["5.7.2"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["CM-7"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["baseline:seccomp", "restricted:seccomp"],
		"soc2": ["CC6.1", "CC6.8"],
	},
	"params": {
		"allowed": "profile types allowed: `RuntimeDefault`, `Localhost`",
		"localhost_profiles": "`Localhost` profile files allowed; `*` allows any",
		"required": "whether a profile must be set (default: under restricted)",
		"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

allowed := object.get(params, "allowed", ["RuntimeDefault", "Localhost"])

required := object.get(params, "required", pss.restricted)

findings contains finding if {
	some [wi, ci, w, c] in pss.containers(metadata.id)
	some reason in problem(c.security)
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` %s", [c.name, reason]),
		"pointer": pss.pointer(wi, ci, "security/seccomp_profile"),
	}
}

problem(s) := {sprintf("runs with seccomp profile `%s`, which is not allowed", [s.seccomp_profile])} if {
	s.seccomp_profile != null
	not s.seccomp_profile in allowed
}

problem(s) := {sprintf("runs with local seccomp profile `%v`, which is not allowed", [s.seccomp_localhost_profile])} if {
	s.seccomp_profile == "Localhost"
	"Localhost" in allowed
	files := object.get(params, "localhost_profiles", ["*"])
	not "*" in files
	not s.seccomp_localhost_profile in files
}

problem(s) := {"sets no seccomp profile"} if {
	s.seccomp_profile == null
	required == true
}
