package ztguard.rules.privilege.iam_workload_admin

import data.ztguard.lib.fixtures

test_admin_policy_on_a_workload_role_is_flagged if {
	some f in findings with input as fixtures.aws_role("web", [], ["AdministratorAccess"], ["shop/web"])
	f.message == "workload role `web` (assumed by shop/web) has `AdministratorAccess` attached"
}

test_admin_policy_on_a_role_no_workload_assumes_is_not_this_rule if {
	count(findings) == 0 with input as fixtures.aws_role("break-glass", [], ["AdministratorAccess"], [])
}

test_a_narrow_workload_role_passes if {
	count(findings) == 0 with input as fixtures.aws_role("web", [{"actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/*"]}], [], ["shop/web"])
}
