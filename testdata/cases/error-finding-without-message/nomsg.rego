package ztguard.rules.acme.no_message

metadata := {
	"id": "ACME-MSG-001",
	"title": "A rule whose findings lack a message",
	"pillar": "image",
	"severity": "low",
	"action": "warn",
	"stages": ["build"],
	"remediation": "Say what is wrong.",
	"controls": {},
}

findings contains {"resource": {"kind": w.kind, "name": w.name}} if some w in input.workloads
