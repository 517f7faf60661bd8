package ztguard.rules.privilege.rbac_create_pods

import data.ztguard.lib.rbac

metadata := {
	"id": "ZT-PRV-022",
	"title": "RBAC grant to create pods or workloads",
	"description": "Whoever can create pods in a namespace can run them as any service account there, and so holds every token in the namespace.",
	"pillar": "privilege",
	"severity": "medium",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Leave pod and workload creation to deployment pipelines and controllers.",
	"controls": {
		"cis-kubernetes": ["5.1.4"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
}

findings contains finding if {
	some i, p in input.rbac.permissions
	not rbac.system(p.subject)
	some capability in ["create pods"]
	capability in p.capabilities
	finding := {
		"resource": rbac.resource(p),
		"message": sprintf("%s can create pods or workloads %s, through %s `%s`", [rbac.label(p.subject), rbac.scope(p), p.role.kind, p.role.name]),
		"pointer": sprintf("/rbac/permissions/%d", [i]),
	}
}
