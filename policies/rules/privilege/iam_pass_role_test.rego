package ztguard.rules.privilege.iam_pass_role

import data.ztguard.lib.fixtures

test_pass_role_on_everything_is_flagged if {
	count(findings) == 1 with input as fixtures.aws_role("ci", [{"actions": ["iam:PassRole"], "resources": ["*"]}], [], [])
	count(findings) == 1 with input as fixtures.aws_role("ci", [{"actions": ["iam:*"], "resources": ["*"]}], [], [])
	count(findings) == 1 with input as fixtures.aws_role("ci", [{"actions": ["iam:PassRole"], "resources": ["arn:aws:iam::*:role/*"]}], [], [])
}

test_pass_role_on_named_roles_passes if {
	count(findings) == 0 with input as fixtures.aws_role("ci", [{"actions": ["iam:PassRole"], "resources": ["arn:aws:iam::111122223333:role/lambda-exec"]}], [], [])
}
