package ztguard.rules.privilege.privilege_escalation

facts(allow) := {"workloads": [{
	"kind": "Job", "namespace": "batch", "name": "etl",
	"containers": [{"name": "c", "security": {"allow_privilege_escalation": allow}}],
}]}

test_escalation_allowed_is_flagged if {
	count(findings) == 1 with input as facts(true)
}

test_escalation_denied_passes if {
	count(findings) == 0 with input as facts(false)
}
