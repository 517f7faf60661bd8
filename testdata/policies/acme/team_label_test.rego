package ztguard.rules.acme.team_label

import data.ztguard.lib.k8s

pod(labels) := {"workloads": [{"kind": "Pod", "namespace": "x", "name": "a", "labels": labels, "containers": []}]}

test_missing_label_is_flagged if {
	some f in findings with input as pod({"owner": "payments"})
		with data.ztguard.params["ACME-LBL-001"].label as "team"
	f.resource == k8s.workload_resource(pod({}).workloads[0])
}

test_present_label_passes if {
	count(findings) == 0 with input as pod({"team": "payments"})
		with data.ztguard.params["ACME-LBL-001"].label as "team"
}
