package ztguard.rules.privilege.privilege_escalation

import data.ztguard.lib.fixtures

test_escalation_allowed_is_flagged if {
	count(findings) == 1 with input as fixtures.one({"allow_privilege_escalation": true})
}

test_escalation_denied_passes if {
	count(findings) == 0 with input as fixtures.one({"allow_privilege_escalation": false})
}

test_the_baseline_profile_does_not_ask_for_it if {
	count(findings) == 0 with input as fixtures.one({}) with data.ztguard.params.pss.profile as "baseline"
}
