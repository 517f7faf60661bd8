package ztguard.rules.privilege.host_ports

import data.ztguard.lib.fixtures

facts(port) := fixtures.pod([object.union(fixtures.container("c", "container", {}), {"ports": [{"container_port": 80, "host_port": port, "protocol": "TCP"}]})], {})

test_host_port_is_flagged if {
	some f in findings with input as facts(8080)
	f.pointer == "/workloads/0/containers/0/ports/0/host_port"
}

test_allowed_ports_and_ranges_pass if {
	count(findings) == 0 with input as facts(8080) with data.ztguard.params["ZT-PRV-008"].allowed as [8080]
	count(findings) == 0 with input as facts(8080) with data.ztguard.params["ZT-PRV-008"].allowed as [{"min": 8000, "max": 9000}]
	count(findings) == 1 with input as facts(9090) with data.ztguard.params["ZT-PRV-008"].allowed as [{"min": 8000, "max": 9000}]
}

test_container_ports_alone_pass if {
	count(findings) == 0 with input as fixtures.pod([object.union(fixtures.container("c", "container", {}), {"ports": [{"container_port": 80, "protocol": "TCP"}]})], {})
}
