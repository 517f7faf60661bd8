package ztguard.rules.privilege.rbac_node_proxy

import data.ztguard.lib.rbac

metadata := {
	"id": "ZT-PRV-025",
	"title": "RBAC grant to proxy to nodes",
	"description": "The node proxy reaches the kubelet API: it can run commands in any pod on the node, past audit logging.",
	"pillar": "privilege",
	"severity": "critical",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Remove `nodes/proxy` from every role but the monitoring system's, and scope that one tightly.",
	"controls": {
		"cis-kubernetes": ["5.1.8"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
}

findings contains finding if {
	some i, p in input.rbac.permissions
	not rbac.system(p.subject)
	some capability in ["proxy to nodes"]
	capability in p.capabilities
	finding := {
		"resource": rbac.resource(p),
		"message": sprintf("%s can proxy to nodes %s, through %s `%s`", [rbac.label(p.subject), rbac.scope(p), p.role.kind, p.role.name]),
		"pointer": sprintf("/rbac/permissions/%d", [i]),
	}
}
