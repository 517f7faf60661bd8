package ztguard.rules.runtime.api_exec_attach

import data.ztguard.lib.fixtures

asked(action, user, groups) := fixtures.runtime([fixtures.api(action, user, {
	"groups": groups, "command": ["sh", "-c", "cat /etc/shadow"], "tty": true,
})])

test_exec_is_flagged_naming_user_pod_and_command if {
	some f in findings with input as asked("exec", "alice@example.com", ["system:authenticated"])
	f.message == "user `alice@example.com` ran `sh -c cat /etc/shadow` in pod `web` container `app` of Pod `shop/web`"
	f.pointer == "/runtime/events/0/api"
	f.resource == {"kind": "Pod", "namespace": "shop", "name": "web", "container": "app"}
}

test_attach_is_flagged if {
	some f in findings with input as asked("attach", "bob", [])
	f.message == "user `bob` attached to pod `web` container `app` of Pod `shop/web`"
}

test_port_forwarding_is_left_to_its_own_rule if {
	count(findings) == 0 with input as asked("portforward", "bob", [])
}

test_break_glass_users_and_groups_pass if {
	count(findings) == 0 with input as asked("exec", "oncall", [])
		with data.ztguard.params["ZT-RUN-011"].allowed_users as ["oncall"]
	count(findings) == 0 with input as asked("exec", "alice", ["sre", "system:authenticated"])
		with data.ztguard.params["ZT-RUN-011"].allowed_groups as ["sre"]
	count(findings) == 1 with input as asked("exec", "alice", ["dev"])
		with data.ztguard.params["ZT-RUN-011"].allowed_groups as ["sre"]
}
