package ztguard.rules.image.signature

import data.ztguard.lib.images

metadata := {
	"id": "ZT-IMG-005",
	"title": "Image not signed by a trusted identity",
	"description": "An image runs only when a recent verification found a signature over its digest from a trusted key or keyless identity (OIDC issuer and certificate subject). A verification older than `max_age` counts as none. Until trusted signers are configured, every image is reported as a warning.",
	"pillar": "image",
	"severity": "high",
	"action": "deny",
	"stages": ["registry", "admission"],
	"remediation": "Sign the image in the build pipeline (for example `cosign sign`), verify it before deployment, and list the signer in `ztguard.params.ZT-IMG-005`.",
	"controls": {
		"cis-kubernetes": ["5.5.1"],
		"nist-800-190": ["4.1.5", "4.2.3"],
		"nist-800-53": ["SI-7", "SR-4", "CM-14", "SR-11"],
		"pci-dss-4.0": ["6.3.2"],
		"soc2": ["CC6.8", "CC8.1"],
	},
	"params": {
		"trusted_keys": "key identifiers whose signatures are trusted",
		"trusted_identities": "keyless signers: objects with `issuer` and either `subject` (exact) or `subject_regex`",
		"max_age": "oldest verification that still counts, as a duration (`720h`)",
		"accept_tag_match": "whether a signature tied to the image only by tag counts (default false: pin by digest)",
	},
}

params := data.ztguard.params[metadata.id]

configured if count(params.trusted_keys) + count(params.trusted_identities) > 0

findings contains finding if {
	some wi, w in input.workloads
	some ci, c in w.containers
	img := images.image_of(c)
	not trusted_signature(img)
	finding := object.union(
		{
			"resource": images.resource(w, c),
			"message": sprintf("container `%s` runs `%s`: %s", [c.name, c.image.name, why(img)]),
			"pointer": sprintf("/workloads/%d/containers/%d/image", [wi, ci]),
		},
		action,
	)
}

action := {} if configured

action := {"action": "warn"} if not configured

trusted_signature(img) if {
	some sig in counted(img)
	trusted(sig)
}

# Signatures that are recent and tied to what runs.
counted(img) := {sig |
	some sig in img.evidence.signatures
	images.fresh(sig.observed_at, params.max_age)
	tied(img, sig)
}

tied(img, sig) if {
	img.reference.digest != null
	sig.digest == img.reference.digest
}

tied(img, sig) if {
	img.reference.digest == null
	params.accept_tag_match == true
}

trusted(sig) if {
	sig.key != null
	sig.key in params.trusted_keys
}

trusted(sig) if {
	some t in params.trusted_identities
	sig.issuer == t.issuer
	sig.identity == t.subject
}

trusted(sig) if {
	some t in params.trusted_identities
	sig.issuer == t.issuer
	is_string(t.subject_regex)
	is_string(sig.identity)
	regex.match(concat("", ["^(?:", t.subject_regex, ")$"]), sig.identity)
}

why(img) := "no trusted signers are configured (`ztguard.params.ZT-IMG-005`)" if not configured

why(img) := "no signature was verified" if {
	configured
	count(img.evidence.signatures) == 0
}

why(img) := "its signatures are tied to it by tag only; pin the image by digest" if {
	configured
	count(img.evidence.signatures) > 0
	img.reference.digest == null
	params.accept_tag_match != true
}

why(img) := sprintf("no signature was verified within %s", [params.max_age]) if {
	configured
	count(img.evidence.signatures) > 0
	some sig in img.evidence.signatures
	tied(img, sig)
	count(counted(img)) == 0
}

why(img) := sprintf("it is signed, but not by a trusted signer (%s)", [concat(", ", signers(img))]) if {
	configured
	count(counted(img)) > 0
}

why(img) := "no signature covers its digest" if {
	configured
	count(img.evidence.signatures) > 0
	img.reference.digest != null
	not any_tied(img)
}

any_tied(img) if {
	some sig in img.evidence.signatures
	tied(img, sig)
}

signers(img) := {signer(sig) | some sig in counted(img)}

signer(sig) := sprintf("key `%s`", [sig.key]) if sig.key != null

signer(sig) := sprintf("`%s` from `%s`", [sig.identity, sig.issuer]) if {
	sig.key == null
	sig.identity != null
}

signer(sig) := "an unnamed key" if {
	sig.key == null
	sig.identity == null
}
