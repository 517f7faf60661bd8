package ztguard.rules.runtime.mining_pool

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-010",
	"title": "Connection to a cryptocurrency mining pool port",
	"description": "Miners dropped into compromised containers connect to their pool over the stratum protocol, on ports that few legitimate services use. The workload is running someone else's code and paying for it.",
	"pillar": "runtime",
	"severity": "critical",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "Isolate the pod and keep it for forensics, find how the miner got in (exposed dashboards, leaked credentials, vulnerable images), then redeploy from a trusted image and rotate credentials. Deny egress by default so a miner cannot reach its pool.",
	"controls": {
		"mitre-attack": ["T1496"],
		"nist-800-190": ["4.4.2"],
		"nist-800-53": ["SC-7", "SI-4"],
		"pci-dss-4.0": ["5.2.1", "11.5.1"],
		"soc2": ["CC7.2", "CC7.3", "CC6.8"],
	},
	"params": {"ports": "destination ports of mining pools"},
	"events": ["network_connect"],
	"response": "isolate",
}

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "network_connect"
	e.network.direction == "outbound"
	e.network.destination.port in runtime.params(metadata.id).ports
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("`%s` connected to %s from %s, a port of cryptocurrency mining pools", [e.process.binary, runtime.destination(e), runtime.where(e)]),
		"pointer": sprintf("/runtime/events/%d/network", [i]),
	}
}
