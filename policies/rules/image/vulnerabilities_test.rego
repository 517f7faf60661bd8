package ztguard.rules.image.vulnerabilities

vuln(id, sev, fixed_in) := {
	"id": id, "severity": sev, "package": "openssl", "installed_version": "3.0.13",
	"fixed_version": fixed_in, "scanner": "trivy", "observed_at": "2026-12-01T00:00:00Z", "matched_by": "digest",
}

ref := {"name": "ghcr.io/acme/api:1", "registry": "ghcr.io", "repository": "acme/api", "tag": "1", "digest": null}

facts(vulns) := {
	"time": "2026-12-01T12:00:00Z",
	"workloads": [{"kind": "Pod", "namespace": "default", "name": "p", "containers": [{"name": "c", "image": ref}]}],
	"images": [{"reference": ref, "evidence": {"vulnerabilities": vulns}}],
}

test_fixable_high_vulnerability_is_denied if {
	some f in findings with input as facts([vuln("CVE-2026-1", "high", "3.0.15")])
	f.message == "container `c` runs `ghcr.io/acme/api:1` with CVE-2026-1 (high) in openssl 3.0.13, fixed in 3.0.15"
	f.severity == "high"
	f.pointer == "/images/0/evidence/vulnerabilities/0"
}

test_below_threshold_or_unfixable_passes_by_default if {
	count(findings) == 0 with input as facts([vuln("CVE-2026-2", "medium", "3.0.15"), vuln("CVE-2026-3", "critical", null)])
}

test_thresholds_are_parameters if {
	params := {"min_severity": "medium", "only_fixable": false, "accepted": []}
	count(findings) == 2 with input as facts([vuln("CVE-2026-2", "medium", "3.0.15"), vuln("CVE-2026-3", "critical", null)])
		with data.ztguard.params["ZT-IMG-007"] as params
}

test_accepted_vulnerability_passes_until_it_expires if {
	accept := {"id": "CVE-2026-1", "owner": "alice@example.com", "reason": "not reachable", "expires": "2026-12-31"}
	count(findings) == 0 with input as facts([vuln("CVE-2026-1", "high", "3.0.15")])
		with data.ztguard.params["ZT-IMG-007"].accepted as [accept]
	expired := object.union(accept, {"expires": "2026-11-30"})
	some f in findings with input as facts([vuln("CVE-2026-1", "high", "3.0.15")])
		with data.ztguard.params["ZT-IMG-007"].accepted as [expired]
	endswith(f.message, "; its acceptance by alice@example.com expired on 2026-11-30")
}

test_acceptances_name_aliases_too if {
	ghsa := object.union(vuln("GHSA-aaaa-bbbb-cccc", "high", "3.0.15"), {"aliases": ["CVE-2026-1"]})
	accept := {"id": "CVE-2026-1", "owner": "a", "reason": "x", "expires": "2027-01-01"}
	count(findings) == 0 with input as facts([ghsa]) with data.ztguard.params["ZT-IMG-007"].accepted as [accept]
}

test_acceptance_without_owner_does_not_count if {
	accept := {"id": "CVE-2026-1", "owner": "", "reason": "x", "expires": "2027-01-01"}
	count(findings) == 1 with input as facts([vuln("CVE-2026-1", "high", "3.0.15")])
		with data.ztguard.params["ZT-IMG-007"].accepted as [accept]
}

test_acceptance_can_be_limited_to_images if {
	accept := {"id": "CVE-2026-1", "owner": "a", "reason": "x", "expires": "2027-01-01", "images": ["ghcr.io/other"]}
	count(findings) == 1 with input as facts([vuln("CVE-2026-1", "high", "3.0.15")])
		with data.ztguard.params["ZT-IMG-007"].accepted as [accept]
}

test_malformed_expiry_accepts_nothing if {
	accept := {"id": "CVE-2026-1", "owner": "a", "reason": "x", "expires": "2027-1-15"}
	count(findings) == 1 with input as facts([vuln("CVE-2026-1", "high", "3.0.15")])
		with data.ztguard.params["ZT-IMG-007"].accepted as [accept]
	timed := object.union(accept, {"expires": "2027-01-15T00:00:00+02:00"})
	count(findings) == 0 with input as facts([vuln("CVE-2026-1", "high", "3.0.15")])
		with data.ztguard.params["ZT-IMG-007"].accepted as [timed]
}

test_an_acceptance_beyond_the_clock_never_expires_and_a_prehistoric_one_has if {
	forever := {"id": "CVE-2026-1", "owner": "alice@example.com", "reason": "not reachable", "expires": "9999-12-31"}
	count(findings) == 0 with input as facts([vuln("CVE-2026-1", "high", "3.0.15")])
		with data.ztguard.params["ZT-IMG-007"].accepted as [forever]
	past := object.union(forever, {"expires": "1066-10-14"})
	count(findings) == 1 with input as facts([vuln("CVE-2026-1", "high", "3.0.15")])
		with data.ztguard.params["ZT-IMG-007"].accepted as [past]
}
