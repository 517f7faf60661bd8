package ztguard.rules.image.scan_freshness

ref := {"name": "nginx:1.27", "registry": "docker.io", "repository": "library/nginx", "tag": "1.27", "digest": null}

facts(scans) := {
	"time": "2026-12-01T12:00:00Z",
	"workloads": [{"kind": "Pod", "namespace": "default", "name": "p", "containers": [{"name": "c", "type": "ephemeral", "image": ref}]}],
	"images": [{"reference": ref, "evidence": {"scans": scans}}],
}

scan(at) := {"scanner": "grype", "observed_at": at, "vulnerabilities": 0, "matched_by": "reference"}

test_recent_scan_passes if {
	count(findings) == 0 with input as facts([scan("2026-11-28T12:00:00Z")])
}

test_missing_scan_is_flagged if {
	some f in findings with input as facts([])
	f.message == "container `c` runs `nginx:1.27`, which has no vulnerability scan"
}

test_old_scan_counts_as_none if {
	some f in findings with input as facts([scan("2026-10-01T00:00:00Z"), scan("2026-11-01T00:00:00Z")])
	f.message == "container `c` runs `nginx:1.27`, which was last scanned at 2026-11-01T00:00:00Z, longer ago than 168h"
}
