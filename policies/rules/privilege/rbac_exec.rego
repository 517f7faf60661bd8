package ztguard.rules.privilege.rbac_exec

import data.ztguard.lib.rbac

metadata := {
	"id": "ZT-PRV-023",
	"title": "RBAC grant to exec, attach or port-forward",
	"description": "Exec and attach give a shell in someone else's container; port-forward reaches its ports past network policies.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Grant exec, attach and port-forward only for break-glass access, bound for a limited time.",
	"controls": {
		"cis-kubernetes": ["5.1.2"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
}

findings contains finding if {
	some i, p in input.rbac.permissions
	not rbac.system(p.subject)
	some capability in ["exec into pods"]
	capability in p.capabilities
	finding := {
		"resource": rbac.resource(p),
		"message": sprintf("%s can exec into, attach to or port-forward to pods %s, through %s `%s`", [rbac.label(p.subject), rbac.scope(p), p.role.kind, p.role.name]),
		"pointer": sprintf("/rbac/permissions/%d", [i]),
	}
}
