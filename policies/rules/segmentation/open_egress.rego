package ztguard.rules.segmentation.open_egress

metadata := {
	"id": "ZT-SEG-005",
	"title": "NetworkPolicy allows egress to the internet or the cloud metadata service",
	"description": "An egress `ipBlock` of 0.0.0.0/0 (or ::/0) opens the internet; one that covers 169.254.169.254 without excepting it opens the cloud metadata service, whose credentials are the node's.",
	"pillar": "segmentation",
	"severity": "medium",
	"action": "warn",
	"stages": ["build", "admission"],
	"remediation": "Allow the destinations the workload needs by address; except 169.254.169.254/32 from any wider block.",
	"controls": {
		"nist-800-190": ["4.4.2"],
		"nist-800-53": ["SC-7"],
		"pci-dss-4.0": ["1.2.1", "1.3.2", "1.4.1"],
		"soc2": ["CC6.1", "CC6.6"],
	},
}

metadata_address := "169.254.169.254"

findings contains finding if {
	some i, p in input.network.policies
	"Egress" in p.policy_types
	some j, rule in p.egress
	some peer in object.get(rule, "to", [])
	block := peer.ipBlock
	some problem in problems(block)
	finding := object.union(
		{
			"resource": {"kind": "NetworkPolicy", "namespace": p.namespace, "name": p.name},
			"message": sprintf("NetworkPolicy `%s` lets pods reach %s (egress rule %d, `%s`)", [p.name, problem.what, j, block.cidr]),
			"pointer": sprintf("/network/policies/%d/egress/%d", [i, j]),
		},
		problem.severity,
	)
}

problems(block) := {{"what": "the whole internet", "severity": {}} |
	block.cidr in {"0.0.0.0/0", "::/0"}
} | {{"what": "the cloud metadata service", "severity": {"severity": "high"}} |
	contains(block.cidr, ".")
	net.cidr_contains(block.cidr, metadata_address)
	not excepted(block)
}

excepted(block) if {
	some e in object.get(block, "except", [])
	contains(e, ".")
	net.cidr_contains(e, metadata_address)
}
