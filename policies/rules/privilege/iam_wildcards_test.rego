package ztguard.rules.privilege.iam_wildcards

import data.ztguard.lib.fixtures

test_wildcard_actions_and_resources_are_flagged if {
	facts := fixtures.aws_role("app", [{"actions": ["s3:*"], "resources": ["*"]}], [], [])
	messages := {f.message | some f in findings with input as facts}
	messages == {
		"IAMRole `app` allows every action matching `s3:*`, in policy `inline`",
		"IAMRole `app` allows its actions on every resource, in policy `inline`",
	}
}

test_listed_actions_on_named_resources_pass if {
	facts := fixtures.aws_role("app", [{"actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::bucket/*"]}], [], [])
	count(findings) == 0 with input as facts
}

test_account_level_actions_may_take_every_resource if {
	count(findings) == 0 with input as fixtures.aws_role("pull", [{"actions": ["ecr:GetAuthorizationToken"], "resources": ["*"]}], [], [])
}

test_deny_statements_pass if {
	count(findings) == 0 with input as fixtures.aws_role("app", [{"effect": "Deny", "actions": ["*"], "resources": ["*"]}], [], [])
}
