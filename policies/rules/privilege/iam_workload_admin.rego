package ztguard.rules.privilege.iam_workload_admin

import data.ztguard.lib.iam

metadata := {
	"id": "ZT-IAM-004",
	"title": "Administrator policy on a workload role",
	"description": "A role that Kubernetes workloads assume carries an administrator policy: whoever runs code in those pods administers the cloud account.",
	"pillar": "privilege",
	"severity": "critical",
	"action": "deny",
	"stages": ["build", "admission", "runtime"],
	"remediation": "Replace the administrator policy with one listing what the workload calls.",
	"controls": {
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6", "AC-2"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
	"params": {
		"admin_policies": "further policy names that count as administrator policies",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

admin_policies := {"AdministratorAccess", "PowerUserAccess", "IAMFullAccess"} | {p | some p in object.get(params, "admin_policies", [])}

findings contains finding if {
	some i, r in input.iam.roles
	iam.workload_role(r)
	some reason in admin(r)
	finding := {
		"resource": {"kind": "IAMRole", "name": r.name},
		"message": sprintf("workload role `%s` (%s) %s", [r.name, accounts(r), reason]),
		"pointer": sprintf("/iam/roles/%d", [i]),
	}
}

admin(r) := {sprintf("has `%s` attached", [p]) | some p in r.attached_policies; p in admin_policies} | {sprintf("allows every action on every resource, in policy `%s`", [s.policy]) |
	some s in r.statements
	s.effect == "Allow"
	"*" in s.actions
	"*" in s.resources
}

accounts(r) := sprintf("assumed by %s", [concat(", ", sort(names))]) if {
	names := {concat("/", [sa.namespace, sa.name]) | some sa in iam.service_accounts(r)} | {t | some t in r.trusted_service_accounts}
	count(names) > 0
}
