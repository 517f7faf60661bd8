package ztguard.rules.image.scan_freshness

import data.ztguard.lib.images

metadata := {
	"id": "ZT-IMG-008",
	"title": "Image without a recent vulnerability scan",
	"description": "Vulnerabilities are found every day: a scan older than `max_age` says nothing about today, and counts as no scan.",
	"pillar": "image",
	"severity": "medium",
	"action": "deny",
	"stages": ["registry", "admission", "runtime"],
	"remediation": "Scan the image again (for example `trivy image` or `grype`) and pass the report with the manifests.",
	"controls": {
		"nist-800-190": ["4.1.1", "4.2.2"],
		"nist-800-53": ["RA-5"],
		"pci-dss-4.0": ["11.3.1", "6.3.1"],
		"soc2": ["CC7.1"],
	},
	"params": {"max_age": "oldest scan that still counts, as a duration (`168h`)"},
}

max_age := data.ztguard.params[metadata.id].max_age

findings contains finding if {
	some wi, w in input.workloads
	some ci, c in w.containers
	img := images.image_of(c)
	not recently_scanned(img)
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` runs `%s`, which %s", [c.name, c.image.name, why(img)]),
		"pointer": sprintf("/workloads/%d/containers/%d/image", [wi, ci]),
	}
}

recently_scanned(img) if {
	some s in img.evidence.scans
	images.fresh(s.observed_at, max_age)
}

why(img) := "has no vulnerability scan" if count(img.evidence.scans) == 0

why(img) := sprintf("was last scanned at %s, longer ago than %s", [latest, max_age]) if {
	count(img.evidence.scans) > 0
	latest := max({s.observed_at | some s in img.evidence.scans})
}
