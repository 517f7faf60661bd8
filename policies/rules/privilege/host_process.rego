package ztguard.rules.privilege.host_process

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-005",
	"title": "Windows HostProcess container",
	"description": "A HostProcess container runs as a process on the Windows node, with the node's access.",
	"pillar": "privilege",
	"severity": "critical",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Remove `windowsOptions.hostProcess: true` from the pod and its containers.",
	"controls": {
		"cis-kubernetes": ["5.2.2", "5.2.11"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["AC-6", "SC-39"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["baseline:host-process"],
		"soc2": ["CC6.1", "CC6.8"],
	},
	"params": {
		"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

findings contains finding if {
	some [wi, ci, w, c] in pss.containers(metadata.id)
	c.security.windows_host_process == true
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` runs as a Windows HostProcess", [c.name]),
		"pointer": pss.pointer(wi, ci, "security/windows_host_process"),
	}
}
