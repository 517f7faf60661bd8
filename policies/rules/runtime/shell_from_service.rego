package ztguard.rules.runtime.shell_from_service

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-002",
	"title": "Shell started by a service process",
	"description": "A web server, application runtime or database that starts a shell is running commands it was sent: remote code execution or a web shell. Unlike ZT-RUN-001 this counts `sh -c ...` too, since that is what injected commands look like.",
	"pillar": "runtime",
	"severity": "high",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "Isolate the pod and keep it for forensics; look for the request that made the service run the command. If the service shells out by design (a CI server running build steps, a database's archive command), take its binary out of `ztguard.params.ZT-RUN-002.services` or move it to its own rule with ZT-RUN-003's expectations.",
	"controls": {
		"mitre-attack": ["T1190", "T1505.003", "T1059.004"],
		"nist-800-190": ["4.4.4"],
		"nist-800-53": ["SI-4", "SI-3"],
		"pci-dss-4.0": ["11.5.1"],
		"soc2": ["CC7.2", "CC7.3"],
	},
	"params": {
		"shells": "binary names treated as shells (kept apart from ZT-RUN-001's, so either list can change alone)",
		"services": "binary names of service processes (web servers, runtimes, databases, proxies) that should not start shells",
	},
	"events": ["process_exec"],
	"response": "isolate",
}

params := runtime.params(metadata.id)

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "process_exec"
	runtime.binary_name(e) in params.shells
	parent := runtime.parent_name(e)
	parent in params.services
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("service `%s` started shell `%s` in %s", [runtime.process(e).parents[0], runtime.command_line(e), runtime.where(e)]),
		"pointer": sprintf("/runtime/events/%d/process", [i]),
	}
}
