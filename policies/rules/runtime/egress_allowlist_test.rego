package ztguard.rules.runtime.egress_allowlist

import data.ztguard.lib.fixtures

to(address, port) := fixtures.runtime([fixtures.connect("/usr/bin/curl", address, port)])

test_the_internet_is_flagged if {
	some f in findings with input as to("203.0.113.9", 443)
	f.message == "`/usr/bin/curl` connected to 203.0.113.9:443 (tcp) from container `app` of Pod `shop/web`, which no allowed destination covers"
	f.pointer == "/runtime/events/0/network"
	count(findings) == 1 with input as to("2001:db8::1", 443)
	count(findings) == 1 with input as to("169.254.169.254", 80)
}

test_private_and_loopback_blocks_pass_by_default if {
	count(findings) == 0 with input as to("10.96.0.10", 53)
	count(findings) == 0 with input as to("172.20.1.5", 5432)
	count(findings) == 0 with input as to("192.168.1.1", 80)
	count(findings) == 0 with input as to("127.0.0.1", 15001)
	count(findings) == 0 with input as to("::1", 8080)
	count(findings) == 0 with input as to("fd12:3456::10", 443)
	count(findings) == 0 with input as to("::ffff:10.1.2.3", 443)
}

test_inbound_connections_pass if {
	e := fixtures.connect("/usr/sbin/nginx", "203.0.113.9", 443)
	inbound := object.union(e, {"network": {"direction": "inbound"}})
	count(findings) == 0 with input as fixtures.runtime([inbound])
}

test_ports_narrow_an_allowed_block if {
	allowed := [{"cidr": "203.0.113.0/24", "ports": [443]}]
	count(findings) == 0 with input as to("203.0.113.9", 443)
		with data.ztguard.params["ZT-RUN-009"].allowed as allowed
	count(findings) == 1 with input as to("203.0.113.9", 22)
		with data.ztguard.params["ZT-RUN-009"].allowed as allowed
	count(findings) == 0 with input as to("203.0.113.9", 22)
		with data.ztguard.params["ZT-RUN-009"].allowed as [{"cidr": "203.0.113.0/24", "ports": []}]
}

test_addresses_that_are_not_ips_are_flagged_without_error if {
	count(findings) == 1 with input as to("fe80::1%eth0", 443)
	count(findings) == 1 with input as to("example.com", 443)
}
