package ztguard.rules.privilege.rbac_anonymous

import data.ztguard.lib.rbac

metadata := {
	"id": "ZT-PRV-027",
	"title": "RBAC grant to anonymous users",
	"description": "A binding to `system:anonymous` or `system:unauthenticated` grants to anyone who can reach the API server.",
	"pillar": "privilege",
	"severity": "critical",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Remove the subject from the binding.",
	"params": {
		"allowed_roles": "roles that may be bound to anonymous users (a public discovery role, say)",
		"include_authenticated": "whether `system:authenticated`, every signed-in user, counts too",
	},
	"controls": {
		"cis-kubernetes": ["5.1.7"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5", "8.2.1"],
		"soc2": ["CC6.1", "CC6.3", "CC6.2"],
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

anonymous := {"system:anonymous", "system:unauthenticated"} | authenticated

authenticated := {"system:authenticated"} if object.get(params, "include_authenticated", false) == true

authenticated := set() if object.get(params, "include_authenticated", false) != true

findings contains finding if {
	some i, b in input.rbac.bindings
	not b.role_ref.name in object.get(params, "allowed_roles", [])
	some s in b.subjects
	s.name in anonymous
	finding := {
		"resource": resource(b),
		"message": sprintf("%s `%s` grants %s `%s` to `%s`", [b.kind, b.name, b.role_ref.kind, b.role_ref.name, s.name]),
		"pointer": sprintf("/rbac/bindings/%d", [i]),
	}
}

resource(b) := {"kind": b.kind, "namespace": b.namespace, "name": b.name} if b.namespace != null

resource(b) := {"kind": b.kind, "name": b.name} if b.namespace == null
