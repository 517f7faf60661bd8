package ztguard.rules.privilege.selinux

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-010",
	"title": "Container sets SELinux options that are not allowed",
	"description": "Custom SELinux types, users and roles can lift the confinement the container runtime applies.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Leave `seLinuxOptions` unset, or use one of the container types (`container_t`, `container_init_t`, `container_kvm_t`, `container_engine_t`) without a user or role.",
	"controls": {
		"cis-kubernetes": ["5.7.3"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["AC-3", "AC-6"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["baseline:selinux"],
		"soc2": ["CC6.1", "CC6.8"],
	},
	"params": {
		"allowed_types": "SELinux types allowed",
		"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

allowed_types := object.get(params, "allowed_types", ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"])

findings contains finding if {
	some [wi, ci, w, c] in pss.containers(metadata.id)
	some reason in problems(c.security)
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` %s", [c.name, reason]),
		"pointer": pss.pointer(wi, ci, "security"),
	}
}

problems(s) := (type_problem(s) | user_problem(s)) | role_problem(s)

type_problem(s) := {sprintf("sets SELinux type `%s`, which is not allowed", [s.selinux_type])} if {
	s.selinux_type != null
	not s.selinux_type in allowed_types
} else := set()

user_problem(s) := {sprintf("sets SELinux user `%s`", [s.selinux_user])} if s.selinux_user != null else := set()

role_problem(s) := {sprintf("sets SELinux role `%s`", [s.selinux_role])} if s.selinux_role != null else := set()
