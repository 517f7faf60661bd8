package ztguard.rules.privilege.run_as_root

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-003",
	"title": "Container may run as root",
	"description": "Unless `runAsNonRoot` is true or a non-zero `runAsUser` is set, the image decides the user, and most images run as root: a process escaping the container arrives as root.",
	"pillar": "privilege",
	"severity": "high",
	"action": "warn",
	"stages": ["build", "admission"],
	"remediation": "Set `securityContext.runAsNonRoot: true` and a non-zero `runAsUser`, on the pod or on each container.",
	"params": {
		"accept_non_zero_user": "whether a non-zero `runAsUser` suffices without `runAsNonRoot: true`",
		"exempt_images": "images (patterns as in ZT-IMG-002) this rule does not judge",
	},
	"controls": {
		"cis-kubernetes": ["5.2.7"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["AC-6"],
		"pci-dss-4.0": ["2.2.1", "2.2.6", "7.2.5"],
		"pod-security-standards": ["restricted:running-as-non-root", "restricted:running-as-non-root-user"],
		"soc2": ["CC6.1", "CC6.8"],
	},
}

findings contains finding if {
	pss.restricted
	some [wi, ci, w, c] in pss.containers(metadata.id)
	some reason in root(c.security)
	finding := {
		"resource": images.resource(w, c),
		"message": sprintf("container `%s` %s", [c.name, reason]),
		"pointer": sprintf("/workloads/%d/containers/%d/security", [wi, ci]),
	}
}

root(s) := {"runs as root (`runAsUser: 0`)"} if s.run_as_user == 0

root(s) := {"may run as root: neither `runAsNonRoot` nor a non-zero `runAsUser` is set"} if {
	s.run_as_non_root == false
	s.run_as_user == null
}

# The restricted standard asks for `runAsNonRoot: true` even with a non-zero user, so the kubelet
# refuses an image that switches back to root; `accept_non_zero_user` relaxes that.
root(s) := {"does not set `runAsNonRoot: true`"} if {
	s.run_as_non_root == false
	s.run_as_user != null
	s.run_as_user != 0
	object.get(object.get(data.ztguard.params, metadata.id, {}), "accept_non_zero_user", false) != true
}
