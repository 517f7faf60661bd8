package ztguard.rules.privilege.iam_wildcards

import data.ztguard.lib.iam

metadata := {
	"id": "ZT-IAM-001",
	"title": "Cloud IAM statement allows every action or every resource",
	"description": "An Allow statement with `*` actions (or `service:*`), `NotAction`, or `*` resources grants what nobody listed, including what the provider adds later.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission", "runtime"],
	"remediation": "List the actions and resource ARNs the role needs.",
	"params": {"account_level_actions": "further actions that take no resource, so `*` is their only resource"},
	"controls": {
		"cis-kubernetes": ["5.1.3"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

findings contains finding if {
	some [owner, pointer, s] in iam.statements
	s.effect == "Allow"
	some what in wildcard(s)
	finding := {
		"resource": owner,
		"message": sprintf("%s `%s` allows %s, in policy `%s`", [owner.kind, owner.name, what, s.policy]),
		"pointer": pointer,
	}
}

wildcard(s) := {what |
	some a in s.actions
	endswith(a, "*")
	what := sprintf("every action matching `%s`", [a])
} | {what |
	count(s.not_actions) > 0
	what := sprintf("every action but `%s`", [concat("`, `", s.not_actions)])
} | {what |
	"*" in s.resources
	not account_level(s)
	what := "its actions on every resource"
}

# Actions that name no resource, so `*` is the only resource they take.
account_level_actions := {"ecr:getauthorizationtoken", "sts:getcalleridentity"} | {lower(a) | some a in object.get(params, "account_level_actions", [])}

account_level(s) if {
	count(s.actions) > 0
	every a in s.actions {
		lower(a) in account_level_actions
	}
}
