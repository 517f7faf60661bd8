package ztguard.rules.privilege.rbac_allowance

import data.ztguard.lib.rbac

metadata := {
	"id": "ZT-PRV-029",
	"title": "Workload service account holds permissions beyond its allowance",
	"description": "Each workload should hold only what it declares it needs. A service account a workload runs as may hold only the permissions its allowance lists; without an allowance, none.",
	"pillar": "privilege",
	"severity": "medium",
	"action": "warn",
	"stages": ["build", "admission"],
	"remediation": "Remove the extra permissions, or declare them in `ztguard.params.ZT-PRV-029.allowances`.",
	"controls": {
		"cis-kubernetes": ["5.1.5"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
	"params": {
		"allowances": "per service account: `namespace`, `service_account`, and `allow` rules (`api_groups`, `resources`, `verbs`, `resource_names`)",
	},
}

allowances := object.get(object.get(data.ztguard.params, metadata.id, {}), "allowances", [])

findings contains finding if {
	some w in input.workloads
	some i, p in input.rbac.permissions
	p.subject.kind == "ServiceAccount"
	p.subject.namespace == w.namespace
	p.subject.name == w.service_account
	not rbac.system(p.subject)
	not allowed(p)
	finding := {
		"resource": {"kind": w.kind, "namespace": w.namespace, "name": w.name},
		"message": sprintf("%s `%s` runs as %s, which may %s %s %s through %s `%s` beyond its allowance", [
			w.kind, w.name, rbac.label(p.subject), concat(", ", p.rule.verbs),
			concat(", ", p.rule.resources), rbac.scope(p), p.role.kind, p.role.name,
		]),
		"pointer": sprintf("/rbac/permissions/%d", [i]),
	}
}

allowed(p) if {
	some a in allowances
	a.namespace == p.subject.namespace
	a.service_account == p.subject.name
	every verb in p.rule.verbs {
		every resource in p.rule.resources {
			every group in p.rule.api_groups {
				some rule in a.allow
				covers(rule, verb, group, resource, p.rule.resource_names)
			}
		}
	}
	every url in p.rule.non_resource_urls {
		some rule in a.allow
		url in object.get(rule, "non_resource_urls", [])
	}
}

# An allowance rule covers a verb on a resource, for the names the permission is limited to
# (an allowance without names covers every name).
covers(rule, verb, group, resource, names) if {
	rbac.has(object.get(rule, "verbs", []), verb)
	rbac.has(object.get(rule, "api_groups", [""]), group)
	rbac.has(object.get(rule, "resources", []), resource)
	allowed_names := object.get(rule, "resource_names", [])
	names_covered(allowed_names, names)
}

names_covered(allowed, _) if count(allowed) == 0

names_covered(allowed, names) if {
	count(allowed) > 0
	count(names) > 0
	every n in names {
		n in allowed
	}
}
