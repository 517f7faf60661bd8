# Helpers for the cloud IAM rules: action and resource matching with IAM's wildcards.
package ztguard.lib.iam

# Whether IAM pattern `pattern` (with `*` and `?`) matches `value`, case-insensitively as IAM
# compares actions. `*` crosses every character, so the delimiter is one IAM never uses.
matches(pattern, value) if glob.match(lower(pattern), ["\n"], lower(value))

# Whether a statement allows `action`.
allows(s, action) if {
	s.effect == "Allow"
	some pattern in s.actions
	matches(pattern, action)
}

allows(s, action) if {
	s.effect == "Allow"
	count(s.not_actions) > 0
	not excluded(s, action)
}

excluded(s, action) if {
	some pattern in s.not_actions
	matches(pattern, action)
}

# Every statement of every role and standalone policy, with where it is.
statements contains [owner, pointer, s] if {
	some i, r in input.iam.roles
	some j, s in r.statements
	owner := {"kind": "IAMRole", "name": r.name}
	pointer := sprintf("/iam/roles/%d/statements/%d", [i, j])
}

statements contains [owner, pointer, s] if {
	some i, p in input.iam.policies
	some j, s in p.statements
	owner := {"kind": "IAMPolicy", "name": p.name}
	pointer := sprintf("/iam/policies/%d/statements/%d", [i, j])
}

# Kubernetes service accounts that run as role `r`: linked by annotation or trusted by it.
service_accounts(r) := {sa |
	some sa in input.rbac.service_accounts
	sa.cloud_identity == r.id
} | {sa |
	some sa in input.rbac.service_accounts
	some trusted in r.trusted_service_accounts
	glob.match(trusted, ["\n"], concat("/", [sa.namespace, sa.name]))
}

# Whether a workload runs as role `r`.
workload_role(r) if count(service_accounts(r)) > 0

workload_role(r) if count(r.trusted_service_accounts) > 0
