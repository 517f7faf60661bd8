package ztguard.rules.privilege.sysctls

import data.ztguard.lib.fixtures

facts(name) := fixtures.pod([], {"sysctls": [{"name": name, "value": "1"}]})

test_unsafe_sysctl_is_flagged if {
	some f in findings with input as facts("kernel.msgmax")
	f.pointer == "/workloads/0/sysctls/0"
}

test_safe_sysctl_passes if {
	count(findings) == 0 with input as facts("net.ipv4.tcp_syncookies")
}

test_prefix_patterns_are_allowed if {
	count(findings) == 0 with input as facts("net.core.somaxconn") with data.ztguard.params["ZT-PRV-013"].allowed as ["net.core.*"]
}

test_forbidden_wins_over_allowed if {
	params := {"allowed": ["*"], "forbidden": ["kernel.*"]}
	count(findings) == 1 with input as facts("kernel.msgmax") with data.ztguard.params["ZT-PRV-013"] as params
	count(findings) == 0 with input as facts("net.core.somaxconn") with data.ztguard.params["ZT-PRV-013"] as params
}
