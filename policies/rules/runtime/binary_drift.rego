package ztguard.rules.runtime.binary_drift

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-004",
	"title": "Binary that is not part of the image was run",
	"description": "Containers are immutable: what they run should come from the image that was scanned and signed. A binary written or changed after the container started was downloaded, compiled or dropped there, which is how attackers bring their tools. Events whose sensor cannot tell are not judged.",
	"pillar": "runtime",
	"severity": "high",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "Stop the container and find where the binary came from; mount the root filesystem read-only (`readOnlyRootFilesystem`) and writable volumes `noexec` so nothing new can run; ship tools in the image instead of fetching them.",
	"controls": {
		"mitre-attack": ["T1105"],
		"nist-800-190": ["4.4.4"],
		"nist-800-53": ["SI-7", "CM-7"],
		"pci-dss-4.0": ["11.5.2", "5.2.1"],
		"soc2": ["CC7.2", "CC6.8"],
	},
	"events": ["process_exec"],
	"response": "kill",
}

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "process_exec"
	runtime.process(e).in_image == false
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("`%s` ran in %s but is not part of its image: it was written or changed after the container started", [e.process.binary, runtime.where(e)]),
		"pointer": sprintf("/runtime/events/%d/process", [i]),
	}
}
