package ztguard.rules.segmentation.sensitive_reachable

facts(labels, from) := {
	"workloads": [
		{"kind": "StatefulSet", "namespace": "data", "name": "db", "labels": labels, "containers": []},
		{"kind": "Deployment", "namespace": "web", "name": "front", "labels": {}, "containers": []},
	],
	"network": {"workloads": [{"workload": 0, "ingress_isolated": true, "egress_isolated": false, "reachable_from": [
		{"namespace": ns, "workload": 1, "egress": "not isolated", "ingress": "data/db-clients rule 0"} | some ns in from
	]}]},
}

test_sensitive_workload_reachable_from_elsewhere_is_flagged if {
	some f in findings with input as facts({"ztguard.dev/sensitive": "true"}, ["data", "web"])
	f.message == "sensitive StatefulSet `db` can be reached from namespace `web`: Deployment `front` may connect (egress: not isolated; ingress: data/db-clients rule 0)"
}

test_own_namespace_and_allowed_namespaces_pass if {
	count(findings) == 0 with input as facts({"ztguard.dev/sensitive": "true"}, ["data"])
	count(findings) == 0 with input as facts({"ztguard.dev/sensitive": "true"}, ["data", "ops"])
		with data.ztguard.params["ZT-SEG-006"].allowed_namespaces as ["ops"]
}

test_other_workloads_are_not_judged if {
	count(findings) == 0 with input as facts({"app": "db"}, ["web"])
}
