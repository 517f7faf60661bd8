package ztguard.rules.acme.bad_metadata

metadata := {
	"id": "ACME-BAD-001",
	"title": "A rule with a made-up severity",
	"pillar": "image",
	"severity": "urgent",
	"action": "deny",
	"stages": ["build"],
	"remediation": "Fix it.",
	"controls": {},
}

findings := set()
