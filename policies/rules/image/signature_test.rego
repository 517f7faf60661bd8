package ztguard.rules.image.signature

digest := "sha256:1111111111111111111111111111111111111111111111111111111111111111"

other := "sha256:2222222222222222222222222222222222222222222222222222222222222222"

signed(d, identity, observed) := {
	"digest": d, "key": null, "identity": identity,
	"issuer": "https://token.actions.githubusercontent.com", "observed_at": observed, "matched_by": "digest",
}

facts(pinned, signatures) := {
	"time": "2026-12-01T12:00:00Z",
	"workloads": [{"kind": "Pod", "namespace": "default", "name": "p", "containers": [{"name": "c", "type": "init", "image": ref(pinned)}]}],
	"images": [{"reference": ref(pinned), "evidence": {"signatures": signatures}}],
}

ref(true) := {"name": "ghcr.io/acme/api@x", "registry": "ghcr.io", "repository": "acme/api", "tag": null, "digest": digest}

ref(false) := {"name": "ghcr.io/acme/api:1", "registry": "ghcr.io", "repository": "acme/api", "tag": "1", "digest": null}

release := "https://github.com/acme/api/.github/workflows/release.yml@refs/tags/v1"

trusted := {"trusted_keys": [], "max_age": "720h", "accept_tag_match": false, "trusted_identities": [{
	"issuer": "https://token.actions.githubusercontent.com",
	"subject_regex": `^https://github\.com/acme/[^/]+/\.github/workflows/release\.yml@refs/tags/.+`,
}]}

test_trusted_recent_signature_over_the_digest_passes if {
	count(findings) == 0 with input as facts(true, [signed(digest, release, "2026-11-30T00:00:00Z")])
		with data.ztguard.params["ZT-IMG-005"] as trusted
}

test_unsigned_image_is_denied if {
	some f in findings with input as facts(true, []) with data.ztguard.params["ZT-IMG-005"] as trusted
	f.message == "container `c` runs `ghcr.io/acme/api@x`: no signature was verified"
	not f.action
}

test_untrusted_signer_is_named if {
	signatures := [signed(digest, "https://github.com/evil/api/.github/workflows/release.yml@refs/tags/v1", "2026-11-30T00:00:00Z")]
	some f in findings with input as facts(true, signatures) with data.ztguard.params["ZT-IMG-005"] as trusted
	contains(f.message, "not by a trusted signer (`https://github.com/evil/api/")
}

test_stale_verification_counts_as_none if {
	some f in findings with input as facts(true, [signed(digest, release, "2026-09-01T00:00:00Z")])
		with data.ztguard.params["ZT-IMG-005"] as trusted
	f.message == "container `c` runs `ghcr.io/acme/api@x`: no signature was verified within 720h"
}

test_signature_over_another_digest_does_not_count if {
	some f in findings with input as facts(true, [signed(other, release, "2026-11-30T00:00:00Z")])
		with data.ztguard.params["ZT-IMG-005"] as trusted
	f.message == "container `c` runs `ghcr.io/acme/api@x`: no signature covers its digest"
}

test_tag_matches_need_consent if {
	signatures := [signed(digest, release, "2026-11-30T00:00:00Z")]
	some f in findings with input as facts(false, signatures) with data.ztguard.params["ZT-IMG-005"] as trusted
	contains(f.message, "tied to it by tag only")
	count(findings) == 0 with input as facts(false, signatures)
		with data.ztguard.params["ZT-IMG-005"] as object.union(trusted, {"accept_tag_match": true})
}

test_subject_patterns_match_the_whole_subject if {
	loose := object.union(trusted, {"trusted_identities": [{"issuer": "https://token.actions.githubusercontent.com", "subject_regex": `github\.com/acme/`}]})
	evil := "https://github.com/evil/r/.github/workflows/x.yml@refs/heads/github.com/acme/x"
	count(findings) == 1 with input as facts(true, [signed(digest, evil, "2026-11-30T00:00:00Z")])
		with data.ztguard.params["ZT-IMG-005"] as loose
}

test_exact_subjects_and_keys_are_trusted_too if {
	exact := object.union(trusted, {"trusted_identities": [{"issuer": "https://token.actions.githubusercontent.com", "subject": release}]})
	count(findings) == 0 with input as facts(true, [signed(digest, release, "2026-11-30T00:00:00Z")])
		with data.ztguard.params["ZT-IMG-005"] as exact
	keyed := object.union(signed(digest, null, "2026-11-30T00:00:00Z"), {"key": "release-key"})
	count(findings) == 0 with input as facts(true, [keyed])
		with data.ztguard.params["ZT-IMG-005"] as object.union(trusted, {"trusted_keys": ["release-key"]})
}

test_unconfigured_signers_warn if {
	some f in findings with input as facts(true, [])
	f.action == "warn"
}
