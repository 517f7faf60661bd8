package ztguard.rules.privilege.rbac_escalation

import data.ztguard.lib.rbac

metadata := {
	"id": "ZT-PRV-030",
	"title": "Subject can escalate its privileges",
	"description": "A subject that can create pods where stronger service accounts live, impersonate, or bind roles can become stronger than it was granted to be; the finding names each step.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Break the chain: remove the first step (pod creation, impersonation, bind or escalate) or the stronger service account's permissions.",
	"controls": {
		"cis-kubernetes": ["5.1.4", "5.1.8"],
		"nist-800-190": ["4.3.1"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["7.2.1", "7.2.2", "7.2.5"],
		"soc2": ["CC6.1", "CC6.3"],
	},
}

findings contains finding if {
	some i, e in input.rbac.escalations
	not rbac.system(e.subject)
	finding := {
		"resource": {"kind": e.subject.kind, "namespace": object.get(e.subject, "namespace", null), "name": e.subject.name},
		"message": sprintf("%s can become %s and gain %s: %s", [rbac.label(e.subject), rbac.label(e.reaches), concat(", ", e.gains), concat("; ", e.chain)]),
		"pointer": start(i, e),
		"value": e,
	}
}

# Where the chain starts: the first permission the subject holds, whose binding was read from a
# file (so the finding has a file and line); the escalation itself when there is none.
start(i, e) := sprintf("/rbac/permissions/%d", [min(held)]) if {
	held := {j | some j, p in input.rbac.permissions; p.subject == e.subject}
	count(held) > 0
} else := sprintf("/rbac/escalations/%d", [i])
