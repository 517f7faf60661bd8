package ztguard.rules.hostile.computed_range

metadata := {
	"id": "HOSTILE-RNG-002", "title": "A rule whose range bound comes from the input", "pillar": "runtime",
	"severity": "low", "action": "warn", "stages": ["runtime"], "remediation": "None.", "controls": {},
}

findings contains {"resource": {"kind": "Pod", "name": "x"}, "message": "m"} if {
	some n in numbers.range(0, input.workloads[0].replicas)
	n > 5
}
