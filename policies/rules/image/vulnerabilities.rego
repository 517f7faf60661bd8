package ztguard.rules.image.vulnerabilities

import data.ztguard.lib.images

metadata := {
	"id": "ZT-IMG-007",
	"title": "Image with unaccepted vulnerabilities",
	"description": "Scanners found vulnerabilities at or above the threshold (by default: high or critical with a fixed version available). A vulnerability may be accepted for a time, with an owner and an expiry; an expired acceptance no longer applies.",
	"pillar": "image",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "registry", "admission"],
	"remediation": "Rebuild the image with the fixed package versions, or record an acceptance (id, owner, reason, expiry) in `ztguard.params.ZT-IMG-007.accepted`.",
	"controls": {
		"nist-800-190": ["4.1.1"],
		"nist-800-53": ["RA-5", "SI-2"],
		"pci-dss-4.0": ["6.3.3", "6.3.1"],
		"soc2": ["CC7.1"],
	},
	"params": {
		"min_severity": "lowest severity reported: `critical`, `high`, `medium` or `low`",
		"only_fixable": "report only vulnerabilities with a fixed version",
		"accepted": "accepted vulnerabilities: `id`, `owner`, `reason`, `expires` (date or RFC 3339 time), optional `images` patterns",
	},
}

params := data.ztguard.params[metadata.id]

rank := {"critical": 4, "high": 3, "medium": 2, "low": 1, "unknown": 0}

# Vulnerabilities first: most images have none, and then no container needs looking at.
findings contains finding if {
	some ii, img in input.images
	some vi, v in img.evidence.vulnerabilities
	rank[v.severity] >= rank[params.min_severity]
	fixable(v)
	not accepted(v, img)
	some wi, w in input.workloads
	some ci, c in w.containers
	images.same(c.image, img.reference)
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` runs `%s` with %s (%s) in %s %s%s%s", [
			c.name, c.image.name, v.id, v.severity, v.package, version(v.installed_version),
			fixed(v.fixed_version), expired_note(v, img),
		]),
		"pointer": sprintf("/images/%d/evidence/vulnerabilities/%d", [ii, vi]),
		"severity": severity(v.severity),
	}
}

# An acceptance names a vulnerability by its id or any of its aliases.
names(v, id) if v.id == id

names(v, id) if id in object.get(v, "aliases", [])

fixable(v) if params.only_fixable == false

fixable(v) if v.fixed_version != null

accepted(v, img) if {
	some a in valid_acceptances(v, img)
	now_ns < expiry_ns(a.expires)
}

valid_acceptances(v, img) := {a |
	some a in params.accepted
	names(v, a.id)
	a.owner != ""
	applies(a, img)
}

applies(a, img) if not a.images

applies(a, img) if images.matches_any(img.reference, a.images)

now_ns := time.parse_rfc3339_ns(input.time)

# Years Rego's nanosecond clock holds (1700 to 2261 here); a later year never comes, as far as
# any evaluation can tell, and an earlier one has long passed.
clock_year := `^(1[7-9][0-9]{2}|20[0-9]{2}|21[0-9]{2}|22[0-5][0-9]|226[01])-`

# A bare date expires at the end of that day (UTC).
expiry_ns(expires) := time.parse_rfc3339_ns(concat("", [expires, "T23:59:59Z"])) if {
	is_string(expires)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, expires)
	regex.match(clock_year, expires)
}

# Anything else that is not an RFC 3339 time has no expiry, and so accepts nothing.
expiry_ns(expires) := time.parse_rfc3339_ns(expires) if {
	is_string(expires)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$`, expires)
	regex.match(clock_year, expires)
}

expiry_ns(expires) := 9223372036854775807 if {
	is_string(expires)
	regex.match(`^([3-9][0-9]{3}|2[3-9][0-9]{2}|22[6-9][0-9])-`, expires)
	not regex.match(clock_year, expires)
}

expired_note(v, img) := sprintf("; its acceptance by %s expired on %s", [a.owner, a.expires]) if {
	some a in valid_acceptances(v, img)
	now_ns >= expiry_ns(a.expires)
} else := ""

version(null) := ""

version(v) := v if v != null

fixed(null) := ", no fix available"

fixed(v) := sprintf(", fixed in %s", [v]) if v != null

severity("unknown") := "low"

severity(s) := s if s != "unknown"
