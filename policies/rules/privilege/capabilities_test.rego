package ztguard.rules.privilege.capabilities

import data.ztguard.lib.fixtures

caps(add, drop) := fixtures.one({"capabilities": {"add": add, "drop": drop}})

test_restricted_allows_only_net_bind_service_after_dropping_all if {
	count(findings) == 0 with input as caps(["NET_BIND_SERVICE"], ["ALL"])
	some f in findings with input as caps(["CHOWN"], ["ALL"])
	f.message == "container `c` adds capability `CHOWN`, which is not allowed"
}

test_restricted_requires_dropping_all if {
	some f in findings with input as caps([], ["NET_RAW"])
	f.message == "container `c` does not drop `ALL`"
}

test_baseline_allows_the_default_set if {
	count(findings) == 0 with input as caps(["CHOWN", "CAP_KILL"], []) with data.ztguard.params.pss.profile as "baseline"
	count(findings) == 1 with input as caps(["SYS_ADMIN"], []) with data.ztguard.params.pss.profile as "baseline"
}

test_allowed_and_required_drop_are_parameters if {
	params := {"allowed": ["NET_ADMIN"], "required_drop": ["NET_RAW"]}
	count(findings) == 0 with input as caps(["NET_ADMIN"], ["NET_RAW"]) with data.ztguard.params["ZT-PRV-006"] as params
	count(findings) == 1 with input as caps(["NET_ADMIN"], []) with data.ztguard.params["ZT-PRV-006"] as params
}

test_findings_name_the_cis_recommendations_they_bear_on if {
	some added in findings with input as caps(["SYS_ADMIN"], ["ALL"])
	added.controls["cis-kubernetes"] == ["5.2.9", "5.2.10"]
	some raw in findings with input as caps(["NET_RAW"], ["ALL"])
	raw.controls["cis-kubernetes"] == ["5.2.8", "5.2.9", "5.2.10"]
	some kept in findings with input as caps([], [])
	kept.controls["cis-kubernetes"] == ["5.2.8", "5.2.10"]
}
