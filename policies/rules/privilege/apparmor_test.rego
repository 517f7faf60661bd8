package ztguard.rules.privilege.apparmor

import data.ztguard.lib.fixtures

test_unconfined_is_flagged if {
	some f in findings with input as fixtures.one({"apparmor_profile": "Unconfined"})
	f.message == "container `c` runs with AppArmor profile `Unconfined`, which is not allowed"
}

test_runtime_default_and_unset_pass if {
	count(findings) == 0 with input as fixtures.one({"apparmor_profile": "RuntimeDefault"})
	count(findings) == 0 with input as fixtures.one({})
}

test_a_profile_can_be_required if {
	count(findings) == 1 with input as fixtures.one({}) with data.ztguard.params["ZT-PRV-009"].required as true
}

test_localhost_profiles_can_be_listed if {
	local := fixtures.one({"apparmor_profile": "Localhost", "apparmor_localhost_profile": "k8s-nginx"})
	count(findings) == 0 with input as local
	count(findings) == 1 with input as local with data.ztguard.params["ZT-PRV-009"].localhost_profiles as ["other"]
}
