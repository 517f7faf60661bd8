package ztguard.rules.privilege.privilege_escalation

import data.ztguard.lib.k8s

metadata := {
	"id": "ZT-PRV-004",
	"title": "Container allows privilege escalation",
	"description": "Without `allowPrivilegeEscalation: false`, setuid binaries and file capabilities can give a process more privilege than its parent had.",
	"pillar": "privilege",
	"severity": "medium",
	"action": "warn",
	"stages": ["build", "admission"],
	"remediation": "Set `securityContext.allowPrivilegeEscalation: false` on each container (it cannot be false for privileged containers or with CAP_SYS_ADMIN).",
	"controls": {
		"cis-kubernetes": ["5.2.6"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["AC-6"],
		"pod-security-standards": ["restricted:privilege-escalation"],
	},
}

findings contains finding if {
	some wi, w in input.workloads
	some ci, c in w.containers
	c.security.allow_privilege_escalation == true
	finding := {
		"resource": k8s.container_resource(w, c),
		"message": sprintf("container `%s` allows privilege escalation", [c.name]),
		"pointer": sprintf("/workloads/%d/containers/%d/security/allow_privilege_escalation", [wi, ci]),
	}
}
