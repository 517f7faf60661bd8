package ztguard.rules.privilege.host_namespaces

import data.ztguard.lib.k8s
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-002",
	"title": "Pod shares a host namespace",
	"description": "Sharing the node's network, process or IPC namespace lets a pod see and reach what belongs to the node and every other pod on it.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec.",
	"controls": {
		"cis-kubernetes": ["5.2.3", "5.2.4", "5.2.5"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["AC-6", "SC-39"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["baseline:host-namespaces"],
		"soc2": ["CC6.1", "CC6.8"],
	},
}

shared := {"host_network": "network", "host_pid": "process", "host_ipc": "IPC"}

# The CIS recommendation about each namespace.
cis := {"host_network": "5.2.5", "host_pid": "5.2.3", "host_ipc": "5.2.4"}

findings contains finding if {
	some wi, w in input.workloads
	pss.judged(w)
	some field, what in shared
	w[field] == true
	finding := {
		"resource": k8s.workload_resource(w),
		"message": sprintf("%s `%s` shares the node's %s namespace", [w.kind, w.name, what]),
		"pointer": sprintf("/workloads/%d/%s", [wi, field]),
		"controls": {"cis-kubernetes": [cis[field]]},
	}
}
