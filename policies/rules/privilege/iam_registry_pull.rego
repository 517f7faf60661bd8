package ztguard.rules.privilege.iam_registry_pull

import data.ztguard.lib.iam

metadata := {
	"id": "ZT-IAM-002",
	"title": "Registry pull role can do more than pull",
	"description": "The role that pulls images should only read them: only ECR's read actions, only on the named repositories. More lets a compromised node or workload push or delete images.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission", "runtime"],
	"remediation": "Give the pull role only `ecr:GetAuthorizationToken`, `ecr:BatchCheckLayerAvailability`, `ecr:GetDownloadUrlForLayer` and `ecr:BatchGetImage`, on the repositories it pulls.",
	"controls": {
		"nist-800-190": ["4.2.3"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
	"params": {
		"pull_roles": "names or ARNs of the roles that pull images (default: every role that allows only ECR actions)",
		"repositories": "repository ARNs (with `*` wildcards) pull roles may read; empty means none named, so any repository is reported",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

read_actions := {
	"ecr:getauthorizationtoken", "ecr:batchchecklayeravailability", "ecr:getdownloadurlforlayer",
	"ecr:batchgetimage", "ecr:describeimages", "ecr:describerepositories", "ecr:listimages",
}

# Pull roles: named in `pull_roles`, or any role whose only purpose is ECR (every action it
# allows is an ECR action) when none are named.
pull_role(r) if r.name in object.get(params, "pull_roles", [])

pull_role(r) if r.id in object.get(params, "pull_roles", [])

pull_role(r) if {
	count(object.get(params, "pull_roles", [])) == 0
	count(r.statements) > 0
	every s in r.statements {
		every a in s.actions {
			startswith(lower(a), "ecr:")
		}
	}
}

findings contains finding if {
	some i, r in input.iam.roles
	pull_role(r)
	some j, s in r.statements
	s.effect == "Allow"
	some problem in problems(s)
	finding := {
		"resource": {"kind": "IAMRole", "name": r.name},
		"message": sprintf("registry pull role `%s` %s, in policy `%s`", [r.name, problem, s.policy]),
		"pointer": sprintf("/iam/roles/%d/statements/%d", [i, j]),
	}
}

problems(s) := {sprintf("allows `%s`, which is not a read action", [a]) |
	some a in s.actions
	not lower(a) in read_actions
} | {"allows every action but some (`NotAction`)" | count(s.not_actions) > 0} | {sprintf("reads repositories beyond those named (`%s`)", [r]) |
	some a in s.actions
	lower(a) != "ecr:getauthorizationtoken"
	some r in s.resources
	not named(r)
}

named(resource) if {
	some repository in object.get(params, "repositories", [])
	iam.matches(repository, resource)
}
