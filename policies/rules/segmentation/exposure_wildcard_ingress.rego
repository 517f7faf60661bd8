package ztguard.rules.segmentation.exposure_wildcard_ingress

metadata := {
	"id": "ZT-SEG-013",
	"title": "Ingress rule for every host",
	"description": "An Ingress rule with no host, an empty host or a wildcard host, or a default backend, answers for names nobody reviewed, and may shadow other teams' hosts.",
	"pillar": "segmentation",
	"severity": "medium",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Name the exact host each Ingress rule serves, and leave out `defaultBackend`.",
	"controls": {
		"nist-800-190": ["4.4.2"],
		"nist-800-53": ["SC-7"],
		"pci-dss-4.0": ["1.4.1", "1.4.2"],
		"soc2": ["CC6.6"],
	},
}

findings contains finding if {
	some i, ing in input.network.ingresses
	some j, host in ing.hosts
	some why in wildcard(host)
	finding := {
		"resource": {"kind": "Ingress", "namespace": ing.namespace, "name": ing.name},
		"message": sprintf("Ingress `%s` has a rule %s", [ing.name, why]),
		"pointer": sprintf("/network/ingresses/%d/hosts/%d", [i, j]),
	}
}

findings contains finding if {
	some i, ing in input.network.ingresses
	ing.default_backend == true
	finding := {
		"resource": {"kind": "Ingress", "namespace": ing.namespace, "name": ing.name},
		"message": sprintf("Ingress `%s` has a default backend, so it answers for every host", [ing.name]),
		"pointer": sprintf("/network/ingresses/%d/default_backend", [i]),
	}
}

wildcard(null) := {"with no host, so for every host"}

wildcard(host) := {sprintf("for wildcard host `%s`", [host])} if {
	is_string(host)
	contains(host, "*")
}
