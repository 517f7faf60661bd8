package ztguard.rules.segmentation.exposure_node_port

metadata := {
	"id": "ZT-SEG-010",
	"title": "Service exposed on every node's port",
	"description": "A NodePort Service opens a port on every node, reachable by anything that reaches a node, past NetworkPolicies on the way in. LoadBalancer Services, which usually open node ports too, are ZT-SEG-011's.",
	"pillar": "segmentation",
	"severity": "medium",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Use a ClusterIP Service behind an Ingress or gateway, or allow the namespace in `ztguard.params.ZT-SEG-010.allowed_namespaces`.",
	"controls": {
		"nist-800-190": ["4.4.2"],
		"nist-800-53": ["SC-7"],
		"pci-dss-4.0": ["1.4.1", "1.4.2"],
		"soc2": ["CC6.6"],
	},
	"params": {"allowed_namespaces": "namespaces whose Services may open node ports"},
}

allowed := object.get(object.get(data.ztguard.params, metadata.id, {}), "allowed_namespaces", [])

findings contains finding if {
	some i, s in input.network.services
	s.type == "NodePort"
	not s.namespace in allowed
	finding := {
		"resource": {"kind": "Service", "namespace": s.namespace, "name": s.name},
		"message": sprintf("Service `%s` is a NodePort Service, open on every node", [s.name]),
		"pointer": sprintf("/network/services/%d/type", [i]),
	}
}
