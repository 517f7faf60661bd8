package ztguard.rules.privilege.rbac_escalate

import data.ztguard.lib.rbac

metadata := {
	"id": "ZT-PRV-024",
	"title": "RBAC grant to escalate, bind or impersonate",
	"description": "With `escalate` or `bind` a subject grants itself any role; with `impersonate` it acts as anyone.",
	"pillar": "privilege",
	"severity": "critical",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Remove `escalate`, `bind` and `impersonate` from every role but the cluster administrators'.",
	"controls": {
		"cis-kubernetes": ["5.1.8"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
}

findings contains finding if {
	some i, p in input.rbac.permissions
	not rbac.system(p.subject)
	some capability in ["bind roles", "escalate roles", "impersonate service accounts", "impersonate users or groups"]
	capability in p.capabilities
	finding := {
		"resource": rbac.resource(p),
		"message": sprintf("%s can escalate, bind or impersonate %s, through %s `%s`", [rbac.label(p.subject), rbac.scope(p), p.role.kind, p.role.name]),
		"pointer": sprintf("/rbac/permissions/%d", [i]),
	}
}
