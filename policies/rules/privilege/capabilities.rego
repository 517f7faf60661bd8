package ztguard.rules.privilege.capabilities

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-006",
	"title": "Container adds capabilities beyond those allowed, or does not drop them",
	"description": "Linux capabilities split root's power; each one added is power a compromised process keeps. The baseline profile allows only the default set; restricted allows adding only NET_BIND_SERVICE and requires dropping ALL.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Drop `ALL` capabilities and add back only those the process needs and the profile allows.",
	"controls": {
		"cis-kubernetes": ["5.2.8", "5.2.9", "5.2.10"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["baseline:capabilities", "restricted:capabilities"],
		"soc2": ["CC6.1", "CC6.8"],
	},
	"params": {
		"allowed": "capabilities a container may add (default: the profile's)",
		"required_drop": "capabilities every container must drop (default: `ALL` under restricted)",
		"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

baseline_allowed := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

allowed := {name(cap) | some cap in params.allowed} if params.allowed

allowed := baseline_allowed if {
	not params.allowed
	not pss.restricted
}

allowed := {"NET_BIND_SERVICE"} if {
	not params.allowed
	pss.restricted
}

required_drop := {name(cap) | some cap in params.required_drop} if params.required_drop

required_drop := {"ALL"} if {
	not params.required_drop
	pss.restricted
}

required_drop := set() if {
	not params.required_drop
	not pss.restricted
}

# `CAP_NET_RAW` and `net_raw` name the same capability.
name(cap) := trim_prefix(upper(cap), "CAP_")

findings contains finding if {
	some [wi, ci, w, c] in pss.containers(metadata.id)
	some cap in c.security.capabilities.add
	not name(cap) in allowed
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` adds capability `%s`, which is not allowed", [c.name, cap]),
		"pointer": pss.pointer(wi, ci, "security/capabilities/add"),
		"controls": {"cis-kubernetes": added_controls(name(cap))},
	}
}

findings contains finding if {
	some [wi, ci, w, c] in pss.containers(metadata.id)
	dropped := {name(cap) | some cap in c.security.capabilities.drop}
	not "ALL" in dropped
	missing := required_drop - dropped
	count(missing) > 0
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` does not drop %s", [c.name, concat(", ", sort([sprintf("`%s`", [m]) | some m in missing]))]),
		"pointer": pss.pointer(wi, ci, "security/capabilities/drop"),
		"controls": {"cis-kubernetes": kept_controls(missing)},
	}
}

# CIS 5.2.9 is about added capabilities, 5.2.10 about any held beyond need, and 5.2.8 about
# NET_RAW in particular.
added_controls(cap) := ["5.2.8", "5.2.9", "5.2.10"] if cap == "NET_RAW"

added_controls(cap) := ["5.2.9", "5.2.10"] if cap != "NET_RAW"

kept_controls(missing) := ["5.2.8", "5.2.10"] if keeps_net_raw(missing)

kept_controls(missing) := ["5.2.10"] if not keeps_net_raw(missing)

keeps_net_raw(missing) if "NET_RAW" in missing

keeps_net_raw(missing) if "ALL" in missing
