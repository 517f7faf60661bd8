package ztguard.rules.privilege.rbac_cluster_admin

import data.ztguard.lib.rbac

metadata := {
	"id": "ZT-PRV-026",
	"title": "cluster-admin bound to a non-system subject",
	"description": "cluster-admin, or any role granting every verb on every resource cluster-wide, makes its holder the cluster's owner.",
	"pillar": "privilege",
	"severity": "critical",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Bind narrower roles; keep cluster-admin for break-glass accounts outside day-to-day use.",
	"controls": {
		"cis-kubernetes": ["5.1.1"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
}

# One finding per subject and binding, however many of the role's rules say so.
findings contains finding if {
	some p in input.rbac.permissions
	p.namespace == null
	not rbac.system(p.subject)
	admin(p)
	first := min({i |
		some i, q in input.rbac.permissions
		q.subject == p.subject
		q.binding == p.binding
		admin(q)
	})
	finding := {
		"resource": rbac.resource(p),
		"message": sprintf("%s holds every permission cluster-wide, through %s `%s`", [rbac.label(p.subject), p.role.kind, p.role.name]),
		"pointer": sprintf("/rbac/permissions/%d", [first]),
	}
}

admin(p) if p.role.name == "cluster-admin"

admin(p) if {
	"*" in p.rule.verbs
	"*" in p.rule.resources
	"*" in p.rule.api_groups
}
