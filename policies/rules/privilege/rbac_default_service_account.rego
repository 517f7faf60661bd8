package ztguard.rules.privilege.rbac_default_service_account

import data.ztguard.lib.rbac

metadata := {
	"id": "ZT-PRV-028",
	"title": "Permissions granted to a default service account",
	"description": "Every pod that names no service account runs as `default`: a permission granted to it is granted to all of them.",
	"pillar": "privilege",
	"severity": "medium",
	"action": "warn",
	"stages": ["build", "admission"],
	"remediation": "Create a service account for the workload that needs the permission and bind it there.",
	"controls": {
		"cis-kubernetes": ["5.1.5"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5", "8.2.2"],
		"soc2": ["CC6.1", "CC6.3"],
	},
}

findings contains finding if {
	some i, p in input.rbac.permissions
	p.subject.kind == "ServiceAccount"
	p.subject.name == "default"
	finding := {
		"resource": rbac.resource(p),
		"message": sprintf("%s is granted %s `%s` %s", [rbac.label(p.subject), p.role.kind, p.role.name, rbac.scope(p)]),
		"pointer": sprintf("/rbac/permissions/%d", [i]),
	}
}
