package ztguard.rules.privilege.run_as_root

import data.ztguard.lib.fixtures

test_unset_user_is_flagged if {
	some f in findings with input as fixtures.one({"run_as_non_root": false, "run_as_user": null})
	contains(f.message, "may run as root")
}

test_uid_zero_is_flagged_even_with_run_as_non_root if {
	some f in findings with input as fixtures.one({"run_as_non_root": true, "run_as_user": 0})
	contains(f.message, "runs as root")
}

test_run_as_non_root_passes if {
	count(findings) == 0 with input as fixtures.one({"run_as_non_root": true, "run_as_user": null})
}

test_non_zero_user_still_needs_run_as_non_root if {
	some f in findings with input as fixtures.one({"run_as_non_root": false, "run_as_user": 1000})
	f.message == "container `c` does not set `runAsNonRoot: true`"
	count(findings) == 0 with input as fixtures.one({"run_as_non_root": false, "run_as_user": 1000})
		with data.ztguard.params["ZT-PRV-003"].accept_non_zero_user as true
}

test_the_baseline_profile_does_not_ask_for_it if {
	count(findings) == 0 with input as fixtures.one({}) with data.ztguard.params.pss.profile as "baseline"
}
