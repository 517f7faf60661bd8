package ztguard.rules.runtime.unexpected_process

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-003",
	"title": "Process the workload is not expected to run",
	"description": "A container runs a handful of known programs; anything else is drift, an intruder's tool or a misbehaving dependency. Only workloads with expectations are judged: from the `expected` parameter or from the `ztguard.dev/expected-processes` annotation of the pod template (comma-separated).",
	"pillar": "runtime",
	"severity": "medium",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "If the process belongs to the workload, add it to its expectations (the `ztguard.dev/expected-processes` annotation or `ztguard.params.ZT-RUN-003.expected`); otherwise find what started it from its parents.",
	"controls": {
		"nist-800-190": ["4.4.4"],
		"nist-800-53": ["CM-7", "SI-4"],
		"pci-dss-4.0": ["11.5.1"],
		"soc2": ["CC7.2"],
	},
	"params": {"expected": "expectations: objects with `processes` (an entry with a `/` is a whole binary path, one without a basename) and any of `namespace`, `workload` (the declared workload's name when the manifest is known, else the sensor's), `labels` (which the pod template must declare) and `container`; every key given must match the event"},
	"events": ["process_exec"],
	"response": "alert",
}

annotation := "ztguard.dev/expected-processes"

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "process_exec"
	allowed := expected(e)
	count(allowed) > 0
	not runtime.binary_in(e.process.binary, allowed)
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("process `%s` is not among those expected in %s", [e.process.binary, runtime.where(e)]),
		"pointer": sprintf("/runtime/events/%d/process", [i]),
	}
}

# Every process any expectation that applies to event `e` names.
expected(e) := {p | some x in expectations(e); some p in x}

expectations(e) := {x.processes |
	some x in object.get(runtime.params(metadata.id), "expected", [])
	applies(x, e)
} | {from_annotation(e)}

from_annotation(e) := {trim_space(p) |
	some p in split(runtime.annotations(e)[annotation], ",")
	trim_space(p) != ""
}

from_annotation(e) := set() if not runtime.annotations(e)[annotation]

applies(x, e) if {
	object.get(x, "namespace", runtime.workload(e).namespace) == runtime.workload(e).namespace
	object.get(x, "workload", runtime.workload(e).name) == runtime.workload(e).name
	object.get(x, "container", object.get(e, "container", null)) == object.get(e, "container", null)
	every k, v in object.get(x, "labels", {}) {
		runtime.labels(e)[k] == v
	}
}
