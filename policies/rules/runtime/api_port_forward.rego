package ztguard.rules.runtime.api_port_forward

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-012",
	"title": "Port forwarded to a pod through the Kubernetes API",
	"description": "`kubectl port-forward` tunnels a user's machine to a pod's ports through the API server, past NetworkPolicies and the mesh: a database or an admin port becomes reachable from a laptop. Outside approved break-glass identities, each use should be seen.",
	"pillar": "runtime",
	"severity": "medium",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "Confirm with the user that the tunnel was approved; take `pods/portforward` away from those who do not need it, and list break-glass identities in `ztguard.params.ZT-RUN-012.allowed_users` or `allowed_groups`.",
	"controls": {
		"mitre-attack": ["T1572"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6", "AC-17", "SC-7"],
		"pci-dss-4.0": ["10.2.1.2", "11.5.1", "1.3.1"],
		"soc2": ["CC7.2", "CC6.1"],
	},
	"params": {
		"allowed_users": "user names that may forward ports to pods (break-glass identities)",
		"allowed_groups": "groups whose members may forward ports to pods",
	},
	"events": ["api_request"],
	"response": "alert",
}

params := runtime.params(metadata.id)

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "api_request"
	e.api.action == "portforward"
	not allowed(e.api)
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("user `%s` forwarded %s of %s", [e.api.user, ports(e.api), target(e)]),
		"pointer": sprintf("/runtime/events/%d/api", [i]),
	}
}

allowed(api) if api.user in object.get(params, "allowed_users", [])

allowed(api) if {
	some group in object.get(api, "groups", [])
	group in object.get(params, "allowed_groups", [])
}

ports(api) := sprintf("ports %s", [concat(", ", [sprintf("%d", [p]) | some p in api.ports])]) if count(object.get(api, "ports", [])) > 0

ports(api) := "ports" if count(object.get(api, "ports", [])) == 0

target(e) := sprintf("pod `%s` of %s", [e.pod, runtime.workload_label(e)]) if object.get(e, "pod", null) != null

target(e) := runtime.workload_label(e) if object.get(e, "pod", null) == null
