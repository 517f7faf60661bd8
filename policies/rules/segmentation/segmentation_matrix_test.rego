package ztguard.rules.segmentation.segmentation_matrix

facts := {
	"workloads": [
		{"kind": "Pod", "namespace": "db", "name": "pg", "labels": {}, "containers": []},
		{"kind": "Pod", "namespace": "web", "name": "front", "labels": {}, "containers": []},
	],
	"network": {
		"namespaces": [{"name": "db", "labels": {"tier": "data"}}, {"name": "web", "labels": {"tier": "edge"}}],
		"workloads": [
			{"workload": 0, "ingress_isolated": false, "egress_isolated": false, "reachable_from": [{"namespace": "web", "workload": 1, "egress": "not isolated", "ingress": "not isolated"}]},
			{"workload": 1, "ingress_isolated": false, "egress_isolated": false, "reachable_from": []},
		],
	},
}

test_an_edge_the_matrix_does_not_list_is_flagged if {
	some f in findings with input as facts with data.ztguard.params["ZT-SEG-009"].matrix as [{"from": "db", "to": "web"}]
	f.message == "zone `web` may reach zone `db`, which the matrix does not allow: Pod `web/front` may connect to Pod `pg` (egress: not isolated; ingress: not isolated)"
}

test_listed_pairs_pass_and_zones_may_come_from_a_label if {
	count(findings) == 0 with input as facts with data.ztguard.params["ZT-SEG-009"].matrix as [{"from": "web", "to": "db"}]
	params := {"matrix": [{"from": "edge", "to": "data"}], "zone_label": "tier"}
	count(findings) == 0 with input as facts with data.ztguard.params["ZT-SEG-009"] as params
	wrong := {"matrix": [{"from": "data", "to": "edge"}], "zone_label": "tier"}
	count(findings) == 1 with input as facts with data.ztguard.params["ZT-SEG-009"] as wrong
}

test_without_a_matrix_nothing_is_reported if {
	count(findings) == 0 with input as facts
}
