package ztguard.rules.privilege.host_namespaces

workload(settings) := {"workloads": [object.union(
	{"kind": "DaemonSet", "namespace": "ops", "name": "agent", "containers": []},
	settings,
)]}

test_each_shared_namespace_is_a_finding if {
	result := findings with input as workload({"host_network": true, "host_pid": true, "host_ipc": false})
	pointers := {f.pointer | some f in result}
	pointers == {"/workloads/0/host_network", "/workloads/0/host_pid"}
}

test_isolated_pod_passes if {
	count(findings) == 0 with input as workload({"host_network": false, "host_pid": false, "host_ipc": false})
}

test_each_finding_names_the_cis_recommendation_of_its_namespace if {
	result := findings with input as workload({"host_network": true, "host_pid": false, "host_ipc": true})
	controls := {f.pointer: f.controls["cis-kubernetes"] | some f in result}
	controls == {"/workloads/0/host_network": ["5.2.5"], "/workloads/0/host_ipc": ["5.2.4"]}
}
