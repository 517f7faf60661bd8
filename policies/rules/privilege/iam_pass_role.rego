package ztguard.rules.privilege.iam_pass_role

import data.ztguard.lib.iam

metadata := {
	"id": "ZT-IAM-003",
	"title": "Cloud IAM allows passing any role",
	"description": "`iam:PassRole` on `*` lets the holder hand any role, administrators' included, to a service it controls.",
	"pillar": "privilege",
	"severity": "critical",
	"action": "deny",
	"stages": ["build", "admission", "runtime"],
	"remediation": "Limit `iam:PassRole` to the ARNs of the roles the holder must pass.",
	"controls": {
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

findings contains finding if {
	some [owner, pointer, s] in iam.statements
	iam.allows(s, "iam:PassRole")
	some resource in s.resources
	any_role(resource)
	finding := {
		"resource": owner,
		"message": sprintf("%s `%s` may pass any role (`iam:PassRole` on `%s`), in policy `%s`", [owner.kind, owner.name, resource, s.policy]),
		"pointer": pointer,
	}
}

# `*`, or a role ARN pattern whose role name is a wildcard (`arn:aws:iam::*:role/*`).
any_role(resource) if resource == "*"

any_role(resource) if {
	contains(resource, ":role/")
	endswith(resource, "/*")
}
