package ztguard.rules.runtime.shell_in_container

import data.ztguard.lib.fixtures

shell(binary, uid, args) := fixtures.runtime([fixtures.exec({"binary": binary, "uid": uid, "args": args})])

test_root_shell_is_critical_and_killed if {
	some f in findings with input as shell("/bin/bash", 0, [])
	f.severity == "critical"
	f.response == "kill"
	f.message == "shell `/bin/bash` started in container `app` as root"
	f.pointer == "/runtime/events/0/process"
	f.resource == {"kind": "Pod", "namespace": "shop", "name": "web", "container": "app"}
}

test_non_root_shell_keeps_the_rule_severity if {
	some f in findings with input as shell("/bin/sh", 1000, [])
	object.get(f, "severity", metadata.severity) == "high"
	not f.severity
	not f.response
	f.message == "shell `/bin/sh` started in container `app` as uid 1000"
}

test_root_response_is_a_parameter if {
	some f in findings with input as shell("/bin/bash", 0, [])
		with data.ztguard.params["ZT-RUN-001"].root_response as "isolate"
	f.response == "isolate"
}

test_interactive_flags_and_terminals_count if {
	count(findings) == 1 with input as shell("/bin/bash", 1000, ["-i"])
	count(findings) == 1 with input as shell("/bin/bash", 1000, ["-il"])
	count(findings) == 1 with input as shell("/bin/bash", 1000, ["--login"])
	count(findings) == 1 with input as shell("/bin/bash", 1000, ["-ic", "id"])
	tty := fixtures.runtime([fixtures.exec({"binary": "/bin/sh", "args": ["-c", "id"], "tty": true})])
	count(findings) == 1 with input as tty
}

test_commands_and_scripts_are_not_interactive if {
	count(findings) == 0 with input as shell("/bin/sh", 0, ["-c", "test -f /tmp/healthy"])
	count(findings) == 0 with input as shell("/bin/sh", 0, ["-ec", "exec nginx"])
	count(findings) == 0 with input as shell("/bin/bash", 0, ["/docker-entrypoint.sh", "nginx"])
	count(findings) == 0 with input as shell("/bin/sh", 0, ["-c", "grep -i ready /tmp/state"])
	count(findings) == 0 with input as shell("/bin/sh", 0, ["/run.sh", "-i"])
}

test_other_processes_pass if {
	count(findings) == 0 with input as shell("/usr/sbin/nginx", 0, [])
}

test_shell_names_are_a_parameter if {
	count(findings) == 1 with input as shell("/usr/bin/python3", 0, [])
		with data.ztguard.params["ZT-RUN-001"].shells as ["python3"]
}

test_the_declared_workload_is_named if {
	e := fixtures.event("process_exec", {
		"process": fixtures.process({"binary": "/bin/sh"}),
		"declared": fixtures.declared({}),
	})
	some f in findings with input as fixtures.runtime([e])
	f.resource == {"kind": "Deployment", "namespace": "shop", "name": "web", "container": "app"}
}

test_hand_written_events_without_null_fields_are_read if {
	e := {
		"type": "process_exec", "time": "2026-12-01T10:00:00Z",
		"workload": {"kind": "Pod", "namespace": "shop", "name": "web"},
		"process": {"binary": "/bin/sh", "uid": 0},
	}
	some f in findings with input as fixtures.runtime([e])
	f.resource == {"kind": "Pod", "namespace": "shop", "name": "web"}
	f.message == "shell `/bin/sh` started in Pod `shop/web` as root"
}
