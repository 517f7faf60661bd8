package ztguard.rules.privilege.host_process

import data.ztguard.lib.fixtures

test_host_process_is_flagged if {
	count(findings) == 1 with input as fixtures.one({"windows_host_process": true})
}

test_ordinary_container_passes if {
	count(findings) == 0 with input as fixtures.one({})
}
