package ztguard.rules.segmentation.exposure_load_balancer

metadata := {
	"id": "ZT-SEG-011",
	"title": "Service exposed through a cloud load balancer",
	"description": "A LoadBalancer Service asks the cloud for an address outside the cluster, usually public, in front of the selected pods.",
	"pillar": "segmentation",
	"severity": "medium",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Expose the workload through the cluster's ingress or gateway, or allow the namespace in `ztguard.params.ZT-SEG-011.allowed_namespaces`.",
	"controls": {
		"nist-800-190": ["4.4.2"],
		"nist-800-53": ["SC-7"],
		"pci-dss-4.0": ["1.4.1", "1.4.2"],
		"soc2": ["CC6.6"],
	},
	"params": {"allowed_namespaces": "namespaces whose Services may be load balancers (an ingress controller's, say)"},
}

allowed := object.get(object.get(data.ztguard.params, metadata.id, {}), "allowed_namespaces", [])

findings contains finding if {
	some i, s in input.network.services
	s.type == "LoadBalancer"
	not s.namespace in allowed
	finding := {
		"resource": {"kind": "Service", "namespace": s.namespace, "name": s.name},
		"message": sprintf("Service `%s` is a LoadBalancer Service, exposed outside the cluster", [s.name]),
		"pointer": sprintf("/network/services/%d/type", [i]),
	}
}
