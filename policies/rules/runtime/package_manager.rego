package ztguard.rules.runtime.package_manager

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-005",
	"title": "Package manager run in a container",
	"description": "Software is installed when the image is built, where it is scanned and signed. A package manager running in a container changes what runs there behind the image's back, and is often the first step of an intruder fetching tools.",
	"pillar": "runtime",
	"severity": "medium",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "Install what the workload needs in its image and rebuild; remove package managers from production images (distroless or multi-stage builds) so they cannot be used.",
	"controls": {
		"mitre-attack": ["T1105"],
		"nist-800-190": ["4.4.4"],
		"nist-800-53": ["CM-11", "CM-7"],
		"pci-dss-4.0": ["6.5.1", "11.5.2"],
		"soc2": ["CC7.2", "CC6.8"],
	},
	"params": {
		"package_managers": "binary names of package managers",
		"read_only": "package manager name to the first arguments that neither install nor remove anything (`npm start`, `rpm -q`), which are not reported",
	},
	"events": ["process_exec"],
	"response": "alert",
}

params := runtime.params(metadata.id)

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "process_exec"
	name := runtime.binary_name(e)
	name in params.package_managers
	not read_only(name, runtime.process(e).args)
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("package manager `%s` ran in %s", [runtime.command_line(e), runtime.where(e)]),
		"pointer": sprintf("/runtime/events/%d/process", [i]),
	}
}

read_only(name, args) if args[0] in object.get(object.get(params, "read_only", {}), name, [])
