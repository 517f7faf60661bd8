package ztguard.rules.privilege.selinux

import data.ztguard.lib.fixtures

test_custom_type_user_and_role_are_flagged if {
	count(findings) == 3 with input as fixtures.one({"selinux_type": "spc_t", "selinux_user": "system_u", "selinux_role": "object_r"})
}

test_container_types_pass if {
	count(findings) == 0 with input as fixtures.one({"selinux_type": "container_init_t"})
	count(findings) == 0 with input as fixtures.one({})
}
