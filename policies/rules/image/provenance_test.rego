package ztguard.rules.image.provenance

attestation(builder, source) := {
	"predicate_type": "https://slsa.dev/provenance/v1", "builder_id": builder,
	"source_repository": source, "build_type": null, "observed_at": "2026-11-30T00:00:00Z", "matched_by": "digest",
}

facts(attestations) := {
	"workloads": [{"kind": "Pod", "namespace": "default", "name": "p", "containers": [{"name": "c", "image": ref}]}],
	"images": [{"reference": ref, "evidence": {"attestations": attestations}}],
}

ref := {"name": "ghcr.io/acme/api:1", "registry": "ghcr.io", "repository": "acme/api", "tag": "1", "digest": null}

runner := "https://github.com/actions/runner/github-hosted"

trusted := {
	"trusted_builders": [runner],
	"trusted_sources": ["https://github.com/acme"],
	"predicate_types": ["https://slsa.dev/provenance/v1"],
}

test_trusted_builder_and_source_pass if {
	count(findings) == 0 with input as facts([attestation(runner, "https://github.com/acme/api")])
		with data.ztguard.params["ZT-IMG-006"] as trusted
}

test_source_outside_the_trusted_ones_is_flagged if {
	some f in findings with input as facts([attestation(runner, "https://github.com/acme-evil/api")])
		with data.ztguard.params["ZT-IMG-006"] as trusted
	contains(f.message, "`https://github.com/acme-evil/api`")
}

test_untrusted_builder_is_flagged if {
	count(findings) == 1 with input as facts([attestation("https://ci.example.com", "https://github.com/acme/api")])
		with data.ztguard.params["ZT-IMG-006"] as trusted
}

test_missing_provenance_is_flagged if {
	some f in findings with input as facts([]) with data.ztguard.params["ZT-IMG-006"] as trusted
	f.message == "container `c` runs `ghcr.io/acme/api:1`: no provenance is tied to its digest"
}

test_provenance_tied_by_tag_only_does_not_count if {
	weak := object.union(attestation(runner, "https://github.com/acme/api"), {"matched_by": "reference"})
	count(findings) == 1 with input as facts([weak]) with data.ztguard.params["ZT-IMG-006"] as trusted
}

test_unconfigured_builders_warn if {
	some f in findings with input as facts([])
	f.action == "warn"
}
