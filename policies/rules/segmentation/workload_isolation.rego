package ztguard.rules.segmentation.workload_isolation

import data.ztguard.lib.k8s

metadata := {
	"id": "ZT-SEG-003",
	"title": "Workload not isolated for ingress",
	"description": "No NetworkPolicy selects the workload for ingress, so every pod in the cluster may connect to it.",
	"pillar": "segmentation",
	"severity": "medium",
	"action": "warn",
	"stages": ["build", "admission", "runtime"],
	"remediation": "Select the workload with a NetworkPolicy (a namespace-wide default-deny does) and allow only the peers it serves.",
	"controls": {
		"cis-kubernetes": ["5.3.2"],
		"nist-800-190": ["4.3.3"],
		"nist-800-53": ["SC-7", "AC-4"],
		"pci-dss-4.0": ["1.2.1", "1.3.1"],
		"soc2": ["CC6.1", "CC6.6"],
	},
}

findings contains finding if {
	some wi, w in input.workloads
	input.network.workloads[wi].ingress_isolated == false
	finding := {
		"resource": k8s.workload_resource(w),
		"message": sprintf("%s `%s` accepts connections from every pod: no NetworkPolicy selects it for ingress", [w.kind, w.name]),
		"pointer": sprintf("/network/workloads/%d/ingress_isolated", [wi]),
	}
}
