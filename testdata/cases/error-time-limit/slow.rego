package ztguard.rules.acme.slow

metadata := {
	"id": "ACME-SLW-001",
	"title": "A rule that counts far too much",
	"pillar": "runtime",
	"severity": "low",
	"action": "warn",
	"stages": ["runtime"],
	"remediation": "Do not.",
	"controls": {},
}

findings contains {"resource": {"kind": "Pod", "name": "x"}, "message": sprintf("%d", [n])} if {
	count(input.workloads) > 0
	n := count([1 | some a in numbers.range(1, 3000); some b in numbers.range(1, 3000)])
}
