package ztguard.rules.runtime.shell_in_container

event(binary, uid) := {"runtime": {"events": [{
	"type": "process_exec", "time": "2026-12-01T10:00:00Z",
	"workload": {"kind": "Pod", "namespace": "shop", "name": "web"},
	"container": "app",
	"process": {"binary": binary, "uid": uid, "args": [], "parents": []},
}]}}

test_root_shell_is_critical if {
	some f in findings with input as event("/bin/bash", 0)
	f.severity == "critical"
	f.message == "shell `/bin/bash` started in container `app` as root"
}

test_non_root_shell_keeps_the_rule_severity if {
	some f in findings with input as event("/bin/sh", 1000)
	f.severity == "high"
	f.message == "shell `/bin/sh` started in container `app` as uid 1000"
}

test_other_processes_pass if {
	count(findings) == 0 with input as event("/usr/sbin/nginx", 0)
}

test_shell_names_are_a_parameter if {
	count(findings) == 1 with input as event("/usr/bin/python3", 0)
		with data.ztguard.params["ZT-RUN-001"].shells as ["python3"]
}
