package ztguard.rules.runtime.mining_pool

import data.ztguard.lib.fixtures

dialled(port, direction) := fixtures.runtime([object.union(
	fixtures.connect("/tmp/.x/kworker", "198.51.100.7", port),
	{"network": {"direction": direction}},
)])

test_stratum_ports_are_flagged if {
	some f in findings with input as dialled(3333, "outbound")
	f.message == "`/tmp/.x/kworker` connected to 198.51.100.7:3333 from container `app` of Pod `shop/web`, a port of cryptocurrency mining pools"
	f.pointer == "/runtime/events/0/network"
	count(findings) == 1 with input as dialled(14444, "outbound")
}

test_common_ports_and_inbound_connections_pass if {
	count(findings) == 0 with input as dialled(443, "outbound")
	count(findings) == 0 with input as dialled(8080, "outbound")
	count(findings) == 0 with input as dialled(3333, "inbound")
}

test_ports_are_a_parameter if {
	count(findings) == 1 with input as dialled(9999, "outbound")
		with data.ztguard.params["ZT-RUN-010"].ports as [9999]
	count(findings) == 0 with input as dialled(3333, "outbound")
		with data.ztguard.params["ZT-RUN-010"].ports as []
}
