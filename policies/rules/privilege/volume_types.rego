package ztguard.rules.privilege.volume_types

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-014",
	"title": "Pod uses a volume type outside the restricted set",
	"description": "The restricted profile allows only volume types that cannot reach the node or other tenants' storage directly.",
	"pillar": "privilege",
	"severity": "medium",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Use a `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`, `persistentVolumeClaim`, `projected` or `secret` volume.",
	"controls": {
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["CM-7", "AC-6"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["restricted:volume-types"],
		"soc2": ["CC6.1", "CC6.8"],
	},
	"params": {
		"allowed": "volume types allowed; `*` allows any",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

default_allowed := ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]

allowed := object.get(params, "allowed", default_allowed)

findings contains finding if {
	pss.restricted
	some wi, w in input.workloads
	pss.judged(w)
	some vi, v in w.volumes
	not "*" in allowed
	not v.type in allowed
	finding := {
		"resource": {"kind": w.kind, "namespace": w.namespace, "name": w.name},
		"message": sprintf("%s `%s` uses a `%s` volume (`%s`), which is not allowed", [w.kind, w.name, v.type, v.name]),
		"pointer": sprintf("/workloads/%d/volumes/%d", [wi, vi]),
	}
}
