package ztguard.rules.segmentation.exposure_external_ips

metadata := {
	"id": "ZT-SEG-012",
	"title": "Service claims external IPs",
	"description": "`externalIPs` make every node accept traffic for those addresses and send it to the Service: anyone who may create Services can capture traffic for any address (CVE-2020-8554).",
	"pillar": "segmentation",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Remove `externalIPs`, or allow the addresses in `ztguard.params.ZT-SEG-012.allowed_ips`.",
	"controls": {
		"nist-800-190": ["4.4.2"],
		"nist-800-53": ["SC-7"],
		"pci-dss-4.0": ["1.4.1", "1.4.2"],
		"soc2": ["CC6.6"],
	},
	"params": {"allowed_ips": "external IPs Services may claim"},
}

allowed := object.get(object.get(data.ztguard.params, metadata.id, {}), "allowed_ips", [])

findings contains finding if {
	some i, s in input.network.services
	some j, ip in s.external_ips
	not ip in allowed
	finding := {
		"resource": {"kind": "Service", "namespace": s.namespace, "name": s.name},
		"message": sprintf("Service `%s` claims external IP `%s`, which is not allowed", [s.name, ip]),
		"pointer": sprintf("/network/services/%d/external_ips/%d", [i, j]),
	}
}
