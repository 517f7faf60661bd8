package ztguard.rules.runtime.api_exec_attach

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-011",
	"title": "Command run in or terminal attached to a pod through the Kubernetes API",
	"description": "`kubectl exec` and `kubectl attach` give whoever holds the permission a process inside the container, around every control that guards how the workload was built and admitted. Outside approved break-glass identities, each use should be seen.",
	"pillar": "runtime",
	"severity": "high",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "Confirm with the user that the session was approved; take `pods/exec` and `pods/attach` away from those who do not need them, and list break-glass identities in `ztguard.params.ZT-RUN-011.allowed_users` or `allowed_groups`.",
	"controls": {
		"mitre-attack": ["T1609"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6", "AC-17", "AU-6"],
		"pci-dss-4.0": ["10.2.1.2", "11.5.1"],
		"soc2": ["CC7.2", "CC6.1"],
	},
	"params": {
		"allowed_users": "user names that may exec into and attach to pods (break-glass identities)",
		"allowed_groups": "groups whose members may exec into and attach to pods",
	},
	"events": ["api_request"],
	"response": "alert",
}

params := runtime.params(metadata.id)

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "api_request"
	e.api.action in {"exec", "attach"}
	not allowed(e.api)
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("user `%s` %s", [e.api.user, what(e)]),
		"pointer": sprintf("/runtime/events/%d/api", [i]),
	}
}

allowed(api) if api.user in object.get(params, "allowed_users", [])

allowed(api) if {
	some group in object.get(api, "groups", [])
	group in object.get(params, "allowed_groups", [])
}

what(e) := sprintf("ran `%s` in %s", [concat(" ", e.api.command), target(e)]) if e.api.action == "exec"

what(e) := sprintf("attached to %s", [target(e)]) if e.api.action == "attach"

# Pod `web-5f7c` (container `app`) of Deployment `shop/web`
target(e) := sprintf("pod `%s`%s of %s", [e.pod, container_part(e), runtime.workload_label(e)]) if object.get(e, "pod", null) != null

target(e) := runtime.where(e) if object.get(e, "pod", null) == null

container_part(e) := sprintf(" container `%s`", [runtime.container(e)])

container_part(e) := "" if not runtime.container(e)
