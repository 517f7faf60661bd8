package ztguard.rules.privilege.privileged

facts(type, privileged) := {"workloads": [{
	"kind": "Pod", "namespace": "shop", "name": "web",
	"containers": [{"name": "c", "type": type, "security": {"privileged": privileged}}],
}]}

test_privileged_container_is_flagged if {
	some f in findings with input as facts("container", true)
	f.resource == {"kind": "Pod", "namespace": "shop", "name": "web", "container": "c"}
	f.pointer == "/workloads/0/containers/0/security/privileged"
}

test_privileged_init_and_ephemeral_containers_are_flagged if {
	count(findings) == 1 with input as facts("init", true)
	count(findings) == 1 with input as facts("ephemeral", true)
}

test_unprivileged_container_passes if {
	count(findings) == 0 with input as facts("container", false)
}
