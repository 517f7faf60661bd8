package ztguard.rules.acme.dup

metadata := {
	"id": "ZT-PRV-001",
	"title": "A rule with a made-up severity",
	"pillar": "image",
	"severity": "low",
	"action": "deny",
	"stages": ["build"],
	"remediation": "Fix it.",
	"controls": {},
}

findings := set()
