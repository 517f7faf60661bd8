package ztguard.rules.privilege.read_only_root

import data.ztguard.lib.fixtures

test_writable_root_is_flagged if {
	count(findings) == 1 with input as fixtures.one({})
}

test_read_only_root_passes if {
	count(findings) == 0 with input as fixtures.one({"read_only_root_filesystem": true})
}
