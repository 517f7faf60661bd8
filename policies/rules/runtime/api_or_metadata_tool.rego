package ztguard.rules.runtime.api_or_metadata_tool

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-008",
	"title": "Kubernetes client or cloud metadata request from a container",
	"description": "Applications reach the Kubernetes API through their client libraries, not through kubectl, and seldom ask the cloud metadata service for credentials with curl. From inside a container both are how an intruder looks around and steals the node's or the pod's cloud identity.",
	"pillar": "runtime",
	"severity": "high",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "Stop the process and find how it got there; keep API clients out of application images, block the metadata address with a NetworkPolicy (except it from egress blocks) and require IMDSv2 with a hop limit of 1 on nodes.",
	"controls": {
		"mitre-attack": ["T1552.005", "T1613"],
		"nist-800-190": ["4.4.4"],
		"nist-800-53": ["SI-4", "AC-6"],
		"pci-dss-4.0": ["11.5.1"],
		"soc2": ["CC7.2"],
	},
	"params": {
		"api_clients": "binary names of Kubernetes clients, reported whatever their arguments",
		"fetchers": "binary names of download and connection tools, reported when their arguments mention a target or they connect to a metadata address",
		"targets": "strings that, found in a fetcher's argument, mean it talks to the Kubernetes API or a cloud metadata service",
		"metadata_addresses": "IP addresses of cloud metadata and credential services",
	},
	"events": ["process_exec", "network_connect"],
	"response": "kill",
}

params := runtime.params(metadata.id)

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "process_exec"
	runtime.binary_name(e) in params.api_clients
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("Kubernetes client `%s` ran in %s", [runtime.command_line(e), runtime.where(e)]),
		"pointer": sprintf("/runtime/events/%d/process", [i]),
	}
}

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "process_exec"
	runtime.binary_name(e) in params.fetchers
	mentioned := {t | some t in params.targets; some a in runtime.process(e).args; contains(a, t)}
	count(mentioned) > 0
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("`%s` ran in %s and names `%s`", [runtime.command_line(e), runtime.where(e), concat("`, `", sort(mentioned))]),
		"pointer": sprintf("/runtime/events/%d/process", [i]),
	}
}

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "network_connect"
	e.network.direction == "outbound"
	e.network.destination.address in params.metadata_addresses
	name := runtime.binary_name(e)
	{name} & (to_set(params.fetchers) | to_set(params.api_clients)) != set()
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("`%s` connected to the metadata address %s from %s", [e.process.binary, runtime.destination(e), runtime.where(e)]),
		"pointer": sprintf("/runtime/events/%d/network", [i]),
	}
}

to_set(list) := {x | some x in list}
