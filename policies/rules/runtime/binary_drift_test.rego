package ztguard.rules.runtime.binary_drift

import data.ztguard.lib.fixtures

drifted(in_image) := fixtures.runtime([fixtures.exec({"binary": "/tmp/xmrig", "in_image": in_image})])

test_a_binary_from_outside_the_image_is_flagged if {
	some f in findings with input as drifted(false)
	f.message == "`/tmp/xmrig` ran in container `app` of Pod `shop/web` but is not part of its image: it was written or changed after the container started"
	f.pointer == "/runtime/events/0/process"
}

test_binaries_of_the_image_and_unknown_ones_pass if {
	count(findings) == 0 with input as drifted(true)
	count(findings) == 0 with input as drifted(null)
	count(findings) == 0 with input as fixtures.runtime([{
		"type": "process_exec", "time": "2026-12-01T10:00:00Z",
		"workload": {"kind": "Pod", "namespace": "shop", "name": "web"},
		"process": {"binary": "/tmp/x", "uid": 0},
	}])
}

test_other_events_of_a_drifted_process_are_not_repeated if {
	e := fixtures.event("network_connect", {"process": fixtures.process({"binary": "/tmp/x", "in_image": false})})
	count(findings) == 0 with input as fixtures.runtime([e])
}
