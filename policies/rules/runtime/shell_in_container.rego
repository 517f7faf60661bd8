package ztguard.rules.runtime.shell_in_container

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-001",
	"title": "Interactive shell started in a container",
	"description": "Services do not start interactive shells; people and exploits do. Shells that run a command (`sh -c ...`) or a script (`sh /entrypoint.sh`) are how probes and entrypoints work and are left alone. An interactive shell running as root is critical: respond at once.",
	"pillar": "runtime",
	"severity": "high",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "Find who or what started the shell (exec audit events, parent process); if it is not an approved break-glass session, isolate the pod and rotate the credentials it can reach.",
	"controls": {
		"mitre-attack": ["T1059.004", "T1609"],
		"nist-800-190": ["4.4.5"],
		"nist-800-53": ["SI-4", "IR-4"],
		"pci-dss-4.0": ["11.5.1"],
		"soc2": ["CC7.2", "CC7.3"],
	},
	"params": {
		"shells": "binary names treated as shells",
		"root_response": "the response recommended for an interactive shell running as root (uid 0), whose finding is also critical",
	},
	"events": ["process_exec"],
	"response": "alert",
}

params := runtime.params(metadata.id)

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "process_exec"
	runtime.binary_name(e) in params.shells
	p := runtime.process(e)
	interactive(p)
	finding := object.union(
		{
			"resource": runtime.resource(e),
			"message": sprintf("shell `%s` started in %s%s", [p.binary, place(e), as_user(p.uid)]),
			"pointer": sprintf("/runtime/events/%d/process", [i]),
		},
		as_root(p.uid),
	)
}

# A terminal is attached, or the shell was asked to be interactive.
interactive(p) if p.tty == true

interactive(p) if {
	some flag in options(p.args)
	short_flag(flag, "i")
}

# Neither a command (`-c`) nor a script: the shell reads what someone types.
interactive(p) if {
	every a in p.args {
		startswith(a, "-")
	}
	not command_flag(p.args)
}

command_flag(args) if {
	some a in args
	short_flag(a, "c")
}

# The options before the first operand: in `sh -c 'grep -i x'` or `sh script -i`, `-i` is not
# the shell's.
options(args) := [a | some j, a in args; j < first_operand(args)]

first_operand(args) := min([j | some j, a in args; not startswith(a, "-")])

first_operand(args) := count(args) if {
	every a in args {
		startswith(a, "-")
	}
}

# `-i`, or a cluster of short flags holding it such as `-il`.
short_flag(a, letter) if {
	startswith(a, "-")
	not startswith(a, "--")
	contains(substring(a, 1, -1), letter)
}

place(e) := sprintf("container `%s`", [runtime.container(e)])

place(e) := runtime.where(e) if not runtime.container(e)

as_user(0) := " as root"

as_user(uid) := sprintf(" as uid %d", [uid]) if uid != 0

as_root(0) := {"severity": "critical", "response": object.get(params, "root_response", "kill")}

as_root(uid) := {} if uid != 0
