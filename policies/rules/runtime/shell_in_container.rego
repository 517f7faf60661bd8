package ztguard.rules.runtime.shell_in_container

import data.ztguard.lib.k8s

metadata := {
	"id": "ZT-RUN-001",
	"title": "Shell started in a container",
	"description": "Services do not start shells; people and exploits do. A shell running as root is critical: respond at once.",
	"pillar": "runtime",
	"severity": "high",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "Find who or what started the shell (exec audit events, parent process); if it is not an approved break-glass session, isolate the pod and rotate the credentials it can reach.",
	"controls": {
		"nist-800-190": ["4.4.5"],
		"nist-800-53": ["SI-4", "IR-4"],
	},
	"params": {"shells": "binary names treated as shells"},
}

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "process_exec"
	k8s.basename(e.process.binary) in data.ztguard.params[metadata.id].shells
	finding := {
		"resource": {
			"kind": e.workload.kind, "namespace": e.workload.namespace,
			"name": e.workload.name, "container": e.container,
		},
		"message": sprintf("shell `%s` started in container `%s`%s", [e.process.binary, e.container, as_user(e.process.uid)]),
		"pointer": sprintf("/runtime/events/%d/process", [i]),
		"severity": severity(e.process.uid),
	}
}

as_user(0) := " as root"

as_user(uid) := sprintf(" as uid %d", [uid]) if uid != 0

severity(0) := "critical"

severity(uid) := metadata.severity if uid != 0
