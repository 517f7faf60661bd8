package ztguard.rules.segmentation.workload_isolation

facts(isolated) := {
	"workloads": [{"kind": "Pod", "namespace": "shop", "name": "web", "containers": []}],
	"network": {"workloads": [{"workload": 0, "ingress_isolated": isolated, "egress_isolated": false, "reachable_from": []}]},
}

test_unisolated_workload_is_flagged if {
	count(findings) == 1 with input as facts(false)
}

test_isolated_workload_passes if {
	count(findings) == 0 with input as facts(true)
}
