package ztguard.rules.segmentation.open_egress

facts(block) := {"network": {"policies": [{"namespace": "shop", "name": "p", "pod_selector": {}, "policy_types": ["Egress"], "ingress": [], "egress": [{"to": [{"ipBlock": block}]}]}]}}

test_everywhere_and_metadata_are_flagged if {
	severities := {f.severity | some f in findings with input as facts({"cidr": "0.0.0.0/0"})}
	severities == {"high"}
	count(findings) == 2 with input as facts({"cidr": "0.0.0.0/0"})
}

test_excepting_the_metadata_address_leaves_the_internet_finding if {
	count(findings) == 1 with input as facts({"cidr": "0.0.0.0/0", "except": ["169.254.169.254/32"]})
}

test_private_blocks_pass if {
	count(findings) == 0 with input as facts({"cidr": "10.20.0.0/16"})
}
