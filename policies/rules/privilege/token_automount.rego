package ztguard.rules.privilege.token_automount

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-016",
	"title": "Service account token mounted into the pod",
	"description": "A mounted token lets anything in the pod call the Kubernetes API as its service account. The pod's setting wins; without one, the service account's; without that, the token is mounted.",
	"pillar": "privilege",
	"severity": "medium",
	"action": "warn",
	"stages": ["build", "admission"],
	"remediation": "Set `automountServiceAccountToken: false` on the pod (or its service account) unless it calls the API.",
	"controls": {
		"cis-kubernetes": ["5.1.6"],
		"nist-800-190": ["4.3.2"],
		"nist-800-53": ["AC-6", "IA-5"],
		"pci-dss-4.0": ["7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

findings contains finding if {
	some wi, w in input.workloads
	pss.judged(w)
	mounted(w)
	finding := {
		"resource": {"kind": w.kind, "namespace": w.namespace, "name": w.name},
		"message": sprintf("%s `%s` mounts the token of service account `%s`", [w.kind, w.name, w.service_account]),
		"pointer": sprintf("/workloads/%d/automount_service_account_token", [wi]),
	}
}

mounted(w) if w.automount_service_account_token == true

mounted(w) if {
	w.automount_service_account_token == null
	not account_opts_out(w)
}

account_opts_out(w) if {
	some sa in input.rbac.service_accounts
	sa.namespace == w.namespace
	sa.name == w.service_account
	sa.automount_service_account_token == false
}
