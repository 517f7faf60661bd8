package ztguard.rules.hostile.range

metadata := {
	"id": "HOSTILE-RNG-001", "title": "A rule that asks for a trillion numbers", "pillar": "runtime",
	"severity": "low", "action": "warn", "stages": ["runtime"], "remediation": "None.", "controls": {},
}

findings contains {"resource": {"kind": "Pod", "name": "x"}, "message": "m"} if {
	count(numbers.range(0, 1000000000000)) > 0
}
