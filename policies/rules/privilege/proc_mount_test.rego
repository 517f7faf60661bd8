package ztguard.rules.privilege.proc_mount

import data.ztguard.lib.fixtures

test_unmasked_proc_is_flagged if {
	count(findings) == 1 with input as fixtures.one({"proc_mount": "Unmasked"})
}

test_default_proc_passes if {
	count(findings) == 0 with input as fixtures.one({})
}
