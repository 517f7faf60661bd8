package ztguard.rules.hostile.spin

metadata := {
	"id": "HOSTILE-SPN-001", "title": "A rule that spins on every workload", "pillar": "runtime",
	"severity": "low", "action": "warn", "stages": ["runtime"], "remediation": "None.", "controls": {},
}

findings contains {"resource": {"kind": "Pod", "name": "x"}, "message": sprintf("%d", [n])} if {
	count(input.workloads) > 0
	n := count([1 | some a in numbers.range(1, 4000); some b in numbers.range(1, 4000)])
}
