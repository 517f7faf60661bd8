package ztguard.rules.privilege.sysctls

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-013",
	"title": "Pod sets an unsafe sysctl",
	"description": "Sysctls outside the safe, namespaced set change the kernel for every pod on the node.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Remove the sysctl, or allow it in `ztguard.params.ZT-PRV-013.allowed` if it is namespaced and safe.",
	"controls": {
		"cis-kubernetes": ["5.7.3"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["SC-39", "CM-6"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["baseline:sysctls"],
		"soc2": ["CC6.1", "CC6.8"],
	},
	"params": {
		"allowed": "sysctls allowed (default: the safe set); a trailing `*` is a prefix, `*` alone allows all",
		"forbidden": "sysctls forbidden even when allowed, with the same patterns",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

safe := [
	"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
]

allowed := object.get(params, "allowed", safe)

findings contains finding if {
	some wi, w in input.workloads
	pss.judged(w)
	some si, s in w.sysctls
	not permitted(s.name)
	finding := {
		"resource": {"kind": w.kind, "namespace": w.namespace, "name": w.name},
		"message": sprintf("%s `%s` sets sysctl `%s`, which is not allowed", [w.kind, w.name, s.name]),
		"pointer": sprintf("/workloads/%d/sysctls/%d", [wi, si]),
	}
}

permitted(name) if {
	matches_any(name, allowed)
	not matches_any(name, object.get(params, "forbidden", []))
}

matches_any(name, patterns) if name in patterns

matches_any(name, patterns) if {
	some pattern in patterns
	endswith(pattern, "*")
	startswith(name, trim_suffix(pattern, "*"))
}
