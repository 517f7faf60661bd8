# Helpers for the RBAC rules: what a permission allows, who counts as a system subject, and
# where the granting binding was read.
package ztguard.lib.rbac

has(list, value) if "*" in list

has(list, value) if value in list

# Whether `rule` allows `verb` on `group`/`resource` for every name.
allows(rule, verb, group, resource) if {
	count(rule.resource_names) == 0
	has(rule.verbs, verb)
	has(rule.api_groups, group)
	has(rule.resources, resource)
}

# Groups every user or service account belongs to: never control-plane subjects.
public_groups := {"system:authenticated", "system:unauthenticated", "system:anonymous", "system:serviceaccounts"}

public(s) if s.name in public_groups

public(s) if startswith(s.name, "system:serviceaccounts:")

# Control-plane subjects, and any listed in `ztguard.params.rbac.system_subjects`.
system(s) if {
	startswith(s.name, "system:")
	not public(s)
}

system(s) if {
	s.kind == "ServiceAccount"
	s.namespace == "kube-system"
}

system(s) if {
	some listed in object.get(object.get(data.ztguard.params, "rbac", {}), "system_subjects", [])
	listed.kind == s.kind
	listed.name == s.name
	object.get(listed, "namespace", null) == object.get(s, "namespace", null)
}

label(s) := sprintf("%s `%s/%s`", [s.kind, s.namespace, s.name]) if s.namespace != null

label(s) := sprintf("%s `%s`", [s.kind, s.name]) if s.namespace == null

scope(p) := sprintf("in namespace `%s`", [p.namespace]) if p.namespace != null

scope(p) := "cluster-wide" if p.namespace == null

# The binding that grants permission `p`, as a finding resource.
resource(p) := {"kind": p.binding.kind, "namespace": p.binding.namespace, "name": p.binding.name} if {
	p.binding.namespace != null
}

resource(p) := {"kind": p.binding.kind, "name": p.binding.name} if p.binding.namespace == null
