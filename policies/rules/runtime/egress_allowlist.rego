package ztguard.rules.runtime.egress_allowlist

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-009",
	"title": "Outbound connection to a destination that is not allowed",
	"description": "Most workloads talk to their neighbours in the cluster and the VPC and nothing else. A connection out of the allowed address blocks is data leaving, a download of tools or a call home; by default every private and loopback block is allowed, so what alerts is traffic to the internet.",
	"pillar": "runtime",
	"severity": "medium",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "If the destination is a dependency of the workload, add its block (and ports) to `ztguard.params.ZT-RUN-009.allowed` and to the workload's egress NetworkPolicy; otherwise find the process that connected.",
	"controls": {
		"mitre-attack": ["T1041"],
		"nist-800-190": ["4.4.2"],
		"nist-800-53": ["SC-7", "SI-4"],
		"pci-dss-4.0": ["1.3.2", "11.5.1"],
		"soc2": ["CC7.2", "CC6.6"],
	},
	"params": {"allowed": "destinations that may be reached: objects with `cidr` and optional `ports` (none or empty: every port)"},
	"events": ["network_connect"],
	"response": "alert",
}

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "network_connect"
	e.network.direction == "outbound"
	not allowed(e.network.destination)
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("`%s` connected to %s (%s) from %s, which no allowed destination covers", [e.process.binary, runtime.destination(e), e.network.protocol, runtime.where(e)]),
		"pointer": sprintf("/runtime/events/%d/network", [i]),
	}
}

allowed(destination) if {
	address := runtime.ip(destination.address)
	family := runtime.ipv6(address)
	some block in blocks
	block.ipv6 == family
	net.cidr_contains(block.cidr, address)
	port_allowed(block.ports, destination.port)
}

# The allowed blocks with their address family, worked out once per evaluation rather than
# once per connection.
blocks := [{"cidr": a.cidr, "ipv6": runtime.ipv6(a.cidr), "ports": object.get(a, "ports", [])} |
	some a in object.get(runtime.params(metadata.id), "allowed", [])
]

port_allowed(ports, _) if count(ports) == 0

port_allowed(ports, port) if port in ports
