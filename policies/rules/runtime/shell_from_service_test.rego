package ztguard.rules.runtime.shell_from_service

import data.ztguard.lib.fixtures

spawned(binary, args, parents) := fixtures.runtime([fixtures.exec({"binary": binary, "args": args, "parents": parents})])

test_a_web_server_running_a_command_is_flagged if {
	some f in findings with input as spawned("/bin/sh", ["-c", "id"], ["/usr/sbin/nginx", "/usr/bin/containerd-shim"])
	f.message == "service `/usr/sbin/nginx` started shell `/bin/sh -c id` in container `app` of Pod `shop/web`"
	f.pointer == "/runtime/events/0/process"
	f.resource == {"kind": "Pod", "namespace": "shop", "name": "web", "container": "app"}
}

test_runtimes_and_databases_are_services if {
	count(findings) == 1 with input as spawned("/bin/bash", [], ["/usr/local/bin/node"])
	count(findings) == 1 with input as spawned("/bin/dash", ["-c", "curl x | sh"], ["/opt/java/openjdk/bin/java"])
	count(findings) == 1 with input as spawned("/bin/sh", ["-c", "cp x y"], ["/usr/lib/postgresql/16/bin/postgres"])
}

test_only_the_direct_parent_counts if {
	count(findings) == 0 with input as spawned("/bin/sh", ["-c", "id"], ["/usr/bin/python3", "/usr/local/bin/node"])
}

test_shells_from_entrypoints_and_exec_pass if {
	count(findings) == 0 with input as spawned("/bin/sh", ["/docker-entrypoint.sh"], ["/usr/bin/containerd-shim-runc-v2"])
	count(findings) == 0 with input as spawned("/bin/sh", [], [])
}

test_other_children_of_services_pass if {
	count(findings) == 0 with input as spawned("/usr/sbin/nginx", ["-s", "reload"], ["/usr/sbin/nginx"])
}

test_services_and_shells_are_parameters if {
	count(findings) == 0 with input as spawned("/bin/sh", ["-c", "id"], ["/usr/local/bin/node"])
		with data.ztguard.params["ZT-RUN-002"].services as ["nginx"]
	count(findings) == 1 with input as spawned("/usr/bin/python3", ["-c", "print(1)"], ["/usr/local/bin/node"])
		with data.ztguard.params["ZT-RUN-002"].shells as ["python3"]
}
