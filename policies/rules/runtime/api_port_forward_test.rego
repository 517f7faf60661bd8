package ztguard.rules.runtime.api_port_forward

import data.ztguard.lib.fixtures

# Port-forward requests name no container.
forwarded(user, groups, ports) := fixtures.runtime([object.union(
	fixtures.api("portforward", user, {"groups": groups, "ports": ports}),
	{"container": null},
)])

test_port_forwarding_is_flagged_naming_user_pod_and_ports if {
	some f in findings with input as forwarded("alice", [], [5432, 8080])
	f.message == "user `alice` forwarded ports 5432, 8080 of pod `web` of Pod `shop/web`"
	f.pointer == "/runtime/events/0/api"
	f.resource == {"kind": "Pod", "namespace": "shop", "name": "web"}
	count(findings) == 1 with input as forwarded("alice", [], [])
}

test_exec_is_left_to_its_own_rule if {
	count(findings) == 0 with input as fixtures.runtime([fixtures.api("exec", "alice", {})])
}

test_break_glass_users_and_groups_pass if {
	count(findings) == 0 with input as forwarded("dba", [], [5432])
		with data.ztguard.params["ZT-RUN-012"].allowed_users as ["dba"]
	count(findings) == 0 with input as forwarded("alice", ["dba"], [5432])
		with data.ztguard.params["ZT-RUN-012"].allowed_groups as ["dba"]
	count(findings) == 1 with input as forwarded("alice", ["dev"], [5432])
		with data.ztguard.params["ZT-RUN-012"].allowed_users as ["dba"]
}
