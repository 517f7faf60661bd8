package ztguard.rules.privilege.rbac_secrets

import data.ztguard.lib.rbac

metadata := {
	"id": "ZT-PRV-021",
	"title": "RBAC grant to read secrets",
	"description": "Reading secrets yields every credential stored in them, service account tokens included.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Grant access to the named secrets the subject needs (`resourceNames`), or none.",
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
	some capability in ["read secrets"]
	capability in p.capabilities
	finding := {
		"resource": rbac.resource(p),
		"message": sprintf("%s can read secrets %s, through %s `%s`", [rbac.label(p.subject), rbac.scope(p), p.role.kind, p.role.name]),
		"pointer": sprintf("/rbac/permissions/%d", [i]),
	}
}
