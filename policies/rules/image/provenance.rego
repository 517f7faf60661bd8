package ztguard.rules.image.provenance

import data.ztguard.lib.images

metadata := {
	"id": "ZT-IMG-006",
	"title": "Image without provenance from a trusted builder",
	"description": "An image runs only with SLSA provenance tied to its digest saying a trusted builder built it from a trusted source repository. Until trusted builders are configured, every image is reported as a warning.",
	"pillar": "image",
	"severity": "medium",
	"action": "deny",
	"stages": ["build", "registry", "admission"],
	"remediation": "Generate signed SLSA provenance in the build (for example with the SLSA GitHub generator), attach it to the image, and list the builder and source in `ztguard.params.ZT-IMG-006`.",
	"controls": {
		"cis-kubernetes": ["5.5.1"],
		"nist-800-190": ["4.1.5"],
		"nist-800-53": ["SR-4", "SA-10"],
		"pci-dss-4.0": ["6.3.2"],
		"soc2": ["CC6.8", "CC8.1"],
	},
	"params": {
		"trusted_builders": "builder ids whose provenance is trusted",
		"trusted_sources": "source repositories (URL, matched by whole path segment) the image may be built from; empty accepts any source of a trusted builder",
		"predicate_types": "provenance predicate types that count",
	},
}

params := data.ztguard.params[metadata.id]

findings contains finding if {
	some wi, w in input.workloads
	some ci, c in w.containers
	img := images.image_of(c)
	not trusted_provenance(img)
	finding := object.union(
		{
			"resource": images.resource(w, c),
			"message": sprintf("container `%s` runs `%s`: %s", [c.name, c.image.name, why(img)]),
			"pointer": sprintf("/workloads/%d/containers/%d/image", [wi, ci]),
		},
		action,
	)
}

action := {} if count(params.trusted_builders) > 0

action := {"action": "warn"} if count(params.trusted_builders) == 0

provenance(img) := {a |
	some a in img.evidence.attestations
	a.predicate_type in params.predicate_types
	a.matched_by != "reference"
}

trusted_provenance(img) if {
	some a in provenance(img)
	a.builder_id in params.trusted_builders
	trusted_source(a)
}

trusted_source(a) if count(params.trusted_sources) == 0

trusted_source(a) if {
	some source in params.trusted_sources
	a.source_repository != null
	under(a.source_repository, source)
}

under(repository, source) if repository == trim_suffix(source, "/")

under(repository, source) if startswith(repository, concat("", [trim_suffix(source, "/"), "/"]))

why(img) := "no trusted builders are configured (`ztguard.params.ZT-IMG-006`)" if count(params.trusted_builders) == 0

why(img) := "no provenance is tied to its digest" if {
	count(params.trusted_builders) > 0
	count(provenance(img)) == 0
}

why(img) := sprintf("its provenance names builders or sources that are not trusted (%s)", [concat(", ", described(img))]) if {
	count(params.trusted_builders) > 0
	count(provenance(img)) > 0
}

described(img) := {sprintf("`%v` from `%v`", [a.builder_id, a.source_repository]) | some a in provenance(img)}
