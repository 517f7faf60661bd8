package ztguard.rules.privilege.privilege_escalation

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-004",
	"title": "Container allows privilege escalation",
	"description": "Without `allowPrivilegeEscalation: false`, setuid binaries and file capabilities can give a process more privilege than its parent had.",
	"pillar": "privilege",
	"severity": "medium",
	"action": "warn",
	"stages": ["build", "admission"],
	"remediation": "Set `securityContext.allowPrivilegeEscalation: false` on each container (it cannot be false for privileged containers or with CAP_SYS_ADMIN).",
	"params": {"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge"},
	"controls": {
		"cis-kubernetes": ["5.2.6"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["restricted:privilege-escalation"],
		"soc2": ["CC6.1", "CC6.8"],
	},
}

findings contains finding if {
	pss.restricted
	some [wi, ci, w, c] in pss.containers(metadata.id)
	c.security.allow_privilege_escalation == true
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` allows privilege escalation", [c.name]),
		"pointer": sprintf("/workloads/%d/containers/%d/security/allow_privilege_escalation", [wi, ci]),
	}
}
