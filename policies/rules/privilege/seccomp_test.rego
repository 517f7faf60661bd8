package ztguard.rules.privilege.seccomp

import data.ztguard.lib.fixtures

test_unconfined_is_flagged_under_every_profile if {
	count(findings) == 1 with input as fixtures.one({"seccomp_profile": "Unconfined"})
	count(findings) == 1 with input as fixtures.one({"seccomp_profile": "Unconfined"}) with data.ztguard.params.pss.profile as "baseline"
}

test_unset_is_flagged_only_under_restricted if {
	some f in findings with input as fixtures.one({})
	f.message == "container `c` sets no seccomp profile"
	count(findings) == 0 with input as fixtures.one({}) with data.ztguard.params.pss.profile as "baseline"
}

test_runtime_default_passes if {
	count(findings) == 0 with input as fixtures.one({"seccomp_profile": "RuntimeDefault"})
}

test_localhost_files_can_be_listed if {
	local := fixtures.one({"seccomp_profile": "Localhost", "seccomp_localhost_profile": "profiles/audit.json"})
	count(findings) == 0 with input as local
	count(findings) == 1 with input as local with data.ztguard.params["ZT-PRV-012"].localhost_profiles as ["profiles/other.json"]
}
