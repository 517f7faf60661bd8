package ztguard.rules.privilege.iam_registry_pull

import data.ztguard.lib.fixtures

repo := "arn:aws:ecr:eu-west-1:111122223333:repository/shop/*"

pull(statements) := fixtures.aws_role("ecr-pull", statements, [], [])

read_only := [
	{"actions": ["ecr:GetAuthorizationToken"], "resources": ["*"]},
	{"actions": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"], "resources": ["arn:aws:ecr:eu-west-1:111122223333:repository/shop/api"]},
]

test_read_only_pull_on_named_repositories_passes if {
	count(findings) == 0 with input as pull(read_only) with data.ztguard.params["ZT-IAM-002"].repositories as [repo]
}

test_push_is_flagged if {
	some f in findings with input as pull(array.concat(read_only, [{"actions": ["ecr:PutImage"], "resources": [repo]}]))
		with data.ztguard.params["ZT-IAM-002"].repositories as [repo]
	f.message == "registry pull role `ecr-pull` allows `ecr:PutImage`, which is not a read action, in policy `inline`"
}

test_repositories_beyond_those_named_are_flagged if {
	some f in findings with input as pull([{"actions": ["ecr:BatchGetImage"], "resources": ["*"]}])
		with data.ztguard.params["ZT-IAM-002"].repositories as [repo]
	f.message == "registry pull role `ecr-pull` reads repositories beyond those named (`*`), in policy `inline`"
}

test_roles_that_are_not_pull_roles_are_not_judged if {
	count(findings) == 0 with input as fixtures.aws_role("app", [{"actions": ["s3:PutObject"], "resources": ["*"]}], [], [])
}
