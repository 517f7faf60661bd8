package ztguard.rules.privilege.host_path

import data.ztguard.lib.fixtures

facts(read_only) := fixtures.pod(
	[object.union(fixtures.container("c", "container", {}), {"volume_mounts": [{"name": "v", "mount_path": "/x", "read_only": read_only}]})],
	{"volumes": [{"name": "v", "type": "hostPath", "host_path": "/foo/bar"}]},
)

test_host_path_is_flagged if {
	some f in findings with input as facts(true)
	f.message == "Pod `p` mounts host path `/foo/bar` that is not allowed"
	f.pointer == "/workloads/0/volumes/0"
}

test_allowed_prefix_passes_when_mounted_as_required if {
	allowed := [{"path_prefix": "/foo", "read_only": true}]
	count(findings) == 0 with input as facts(true) with data.ztguard.params["ZT-PRV-007"].allowed as allowed
	count(findings) == 1 with input as facts(false) with data.ztguard.params["ZT-PRV-007"].allowed as allowed
}

test_prefixes_match_whole_segments if {
	count(findings) == 1 with input as facts(true) with data.ztguard.params["ZT-PRV-007"].allowed as [{"path_prefix": "/fo"}]
}

test_other_volumes_pass if {
	count(findings) == 0 with input as fixtures.pod([], {"volumes": [{"name": "v", "type": "emptyDir"}]})
}
