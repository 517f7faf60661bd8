package ztguard.rules.privilege.privileged

import data.ztguard.lib.fixtures

test_privileged_container_is_flagged if {
	some f in findings with input as fixtures.one({"privileged": true})
	f.resource.container == "c"
	f.pointer == "/workloads/0/containers/0/security/privileged"
}

test_privileged_init_and_ephemeral_containers_are_flagged if {
	count(findings) == 2 with input as fixtures.pod(
		[fixtures.container("i", "init", {"privileged": true}), fixtures.container("e", "ephemeral", {"privileged": true})],
		{},
	)
}

test_unprivileged_container_passes if {
	count(findings) == 0 with input as fixtures.one({"privileged": false})
}

test_exempt_images_are_not_judged if {
	count(findings) == 0 with input as fixtures.one({"privileged": true})
		with data.ztguard.params["ZT-PRV-001"].exempt_images as ["nginx"]
}

test_a_pod_update_is_not_judged_again if {
	update := fixtures.pod([fixtures.container("c", "container", {"privileged": true})], {"admission_operation": "UPDATE"})
	count(findings) == 0 with input as update
	create := fixtures.pod([fixtures.container("c", "container", {"privileged": true})], {"admission_operation": "CREATE"})
	count(findings) == 1 with input as create
}
