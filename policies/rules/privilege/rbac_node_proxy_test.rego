package ztguard.rules.privilege.rbac_node_proxy

import data.ztguard.lib.fixtures

test_node_proxy_is_flagged if {
	count(findings) == 1 with input as fixtures.rbac([fixtures.permission(fixtures.alice, null, {"resources": ["nodes/proxy"], "verbs": ["get"]}, ["proxy to nodes"])])
}

test_reading_nodes_passes if {
	count(findings) == 0 with input as fixtures.rbac([fixtures.permission(fixtures.alice, null, {"resources": ["nodes"], "verbs": ["get"]}, [])])
}
