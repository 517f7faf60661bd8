package ztguard.rules.privilege.volume_types

import data.ztguard.lib.fixtures

facts(type) := fixtures.pod([], {"volumes": [{"name": "v", "type": type}]})

test_other_volume_types_are_flagged_under_restricted if {
	count(findings) == 1 with input as facts("nfs")
	count(findings) == 0 with input as facts("nfs") with data.ztguard.params.pss.profile as "baseline"
}

test_restricted_types_pass if {
	count(findings) == 0 with input as facts("projected")
}
