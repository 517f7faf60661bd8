package ztguard.rules.privilege.host_path

import data.ztguard.lib.images
import data.ztguard.lib.pss

metadata := {
	"id": "ZT-PRV-007",
	"title": "Pod mounts a host path",
	"description": "A hostPath volume hands the pod a piece of the node's filesystem: a way to read its secrets or to write where the node executes.",
	"pillar": "privilege",
	"severity": "high",
	"action": "deny",
	"stages": ["build", "admission"],
	"remediation": "Use another volume type; if a host path is unavoidable, allow its prefix read-only in `ztguard.params.ZT-PRV-007.allowed`.",
	"controls": {
		"cis-kubernetes": ["5.2.12"],
		"nist-800-190": ["4.4.3"],
		"nist-800-53": ["AC-6", "SC-39"],
		"pci-dss-4.0": ["2.2.1", "2.2.6"],
		"pod-security-standards": ["baseline:hostpath-volumes"],
		"soc2": ["CC6.1", "CC6.8"],
	},
	"params": {
		"allowed": "host paths that may be mounted: objects with `path_prefix` and `read_only` (then every mount of it must be read-only)",
	},
}

params := object.get(data.ztguard.params, metadata.id, {})

findings contains finding if {
	some wi, w in input.workloads
	pss.judged(w)
	some vi, v in w.volumes
	v.type == "hostPath"
	not allowed_volume(w, v)
	finding := {
		"resource": {"kind": w.kind, "namespace": w.namespace, "name": w.name},
		"message": sprintf("%s `%s` mounts host path `%v`%s", [w.kind, w.name, object.get(v, "host_path", ""), why(v)]),
		"pointer": sprintf("/workloads/%d/volumes/%d", [wi, vi]),
	}
}

allowed_volume(w, v) if {
	some a in object.get(params, "allowed", [])
	under(object.get(v, "host_path", ""), a.path_prefix)
	read_only_as_required(w, v, a)
}

read_only_as_required(_, _, a) if object.get(a, "read_only", false) == false

read_only_as_required(w, v, a) if {
	a.read_only == true
	every c in w.containers {
		every m in c.volume_mounts {
			mounted_read_only(m, v)
		}
	}
}

mounted_read_only(m, v) if m.name != v.name

mounted_read_only(m, v) if m.read_only == true

# Whole path segments: `/foo` covers `/foo` and `/foo/bar`, not `/foobar`.
under(path, prefix) if path == prefix

under(path, prefix) if startswith(path, concat("", [trim_suffix(prefix, "/"), "/"]))

why(v) := " that is not allowed" if not allowed_prefix(v)

why(v) := " writable, where only read-only mounts are allowed" if allowed_prefix(v)

allowed_prefix(v) if {
	some a in object.get(params, "allowed", [])
	under(object.get(v, "host_path", ""), a.path_prefix)
}
