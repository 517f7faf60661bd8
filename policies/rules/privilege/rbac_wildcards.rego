package ztguard.rules.privilege.rbac_wildcards

import data.ztguard.lib.rbac

metadata := {
	"id": "ZT-PRV-020",
	"title": "RBAC grant with wildcards",
	"description": "A `*` in verbs, resources or API groups grants everything that exists and everything added later.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "List the verbs, resources and API groups the subject needs instead of `*`.",
	"controls": {
		"cis-kubernetes": ["5.1.3"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
}

findings contains finding if {
	some i, p in input.rbac.permissions
	not rbac.system(p.subject)
	some field in ["verbs", "resources", "api_groups"]
	"*" in p.rule[field]
	finding := {
		"resource": rbac.resource(p),
		"message": sprintf("%s holds `*` %s %s, through %s `%s`", [rbac.label(p.subject), field, rbac.scope(p), p.role.kind, p.role.name]),
		"pointer": sprintf("/rbac/permissions/%d", [i]),
	}
}
