# Helpers shared by the built-in rules; users' rules may import them too.
package ztguard.lib.k8s

# The resource a finding about container `c` of workload `w` names.
container_resource(w, c) := {"kind": w.kind, "namespace": w.namespace, "name": w.name, "container": c.name}

# The resource a finding about workload `w` names.
workload_resource(w) := {"kind": w.kind, "namespace": w.namespace, "name": w.name}

# Every namespace the facts know of: declared ones and those workloads run in.
namespaces contains ns.name if some ns in input.network.namespaces

namespaces contains w.namespace if some w in input.workloads

# The last component of a path: `/usr/bin/bash` -> `bash`.
basename(path) := name if {
	parts := split(path, "/")
	name := parts[count(parts) - 1]
}

# Whether workload `w` is in the service mesh: its namespace is labelled for sidecar injection
# and its pods do not opt out, or its pods ask for a sidecar themselves.
in_mesh(w) if {
	some ns in input.network.namespaces
	ns.name == w.namespace
	mesh_namespace(ns)
	not w.labels["sidecar.istio.io/inject"] == "false"
}

in_mesh(w) if w.labels["sidecar.istio.io/inject"] == "true"

mesh_namespace(ns) if ns.labels["istio-injection"] == "enabled"

mesh_namespace(ns) if ns.labels["istio.io/rev"]
