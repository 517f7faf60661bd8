package ztguard.rules.runtime.unexpected_process

import data.ztguard.lib.fixtures

ran(binary, declared) := fixtures.runtime([fixtures.event("process_exec", {
	"process": fixtures.process({"binary": binary}),
	"declared": declared,
})])

web_expectations := [{"namespace": "shop", "workload": "web", "processes": ["nginx", "/docker-entrypoint.sh"]}]

test_a_process_outside_the_expected_set_is_flagged if {
	some f in findings with input as ran("/usr/bin/nc", null)
		with data.ztguard.params["ZT-RUN-003"].expected as web_expectations
	f.message == "process `/usr/bin/nc` is not among those expected in container `app` of Pod `shop/web`"
	f.pointer == "/runtime/events/0/process"
}

test_expected_processes_pass_by_basename_or_whole_path if {
	count(findings) == 0 with input as ran("/usr/sbin/nginx", null)
		with data.ztguard.params["ZT-RUN-003"].expected as web_expectations
	count(findings) == 0 with input as ran("/docker-entrypoint.sh", null)
		with data.ztguard.params["ZT-RUN-003"].expected as web_expectations
	count(findings) == 1 with input as ran("/tmp/docker-entrypoint.sh", null)
		with data.ztguard.params["ZT-RUN-003"].expected as web_expectations
}

test_workloads_without_expectations_are_not_judged if {
	count(findings) == 0 with input as ran("/usr/bin/nc", null)
	count(findings) == 0 with input as ran("/usr/bin/nc", null)
		with data.ztguard.params["ZT-RUN-003"].expected as [{"namespace": "other", "processes": ["x"]}]
}

test_every_key_of_an_expectation_must_match if {
	expected := [{"namespace": "shop", "container": "sidecar", "processes": ["envoy"]}]
	count(findings) == 0 with input as ran("/usr/bin/nc", null)
		with data.ztguard.params["ZT-RUN-003"].expected as expected
}

test_the_declared_workload_and_labels_are_matched if {
	declared := fixtures.declared({"labels": {"app": "web", "tier": "front"}})
	by_labels := [{"labels": {"app": "web"}, "processes": ["nginx"]}]
	count(findings) == 1 with input as ran("/usr/bin/nc", declared)
		with data.ztguard.params["ZT-RUN-003"].expected as by_labels
	count(findings) == 0 with input as ran("/usr/bin/nc", null)
		with data.ztguard.params["ZT-RUN-003"].expected as by_labels
	by_name := [{"workload": "web", "processes": ["nginx"]}]
	some f in findings with input as ran("/usr/bin/nc", declared)
		with data.ztguard.params["ZT-RUN-003"].expected as by_name
	f.resource == {"kind": "Deployment", "namespace": "shop", "name": "web", "container": "app"}
}

test_the_annotation_gives_expectations if {
	declared := fixtures.declared({"annotations": {"ztguard.dev/expected-processes": "nginx, /usr/local/bin/healthcheck"}})
	count(findings) == 0 with input as ran("/usr/sbin/nginx", declared)
	count(findings) == 0 with input as ran("/usr/local/bin/healthcheck", declared)
	count(findings) == 1 with input as ran("/usr/bin/wget", declared)
}

test_expectations_add_up if {
	declared := fixtures.declared({"annotations": {"ztguard.dev/expected-processes": "nginx"}})
	count(findings) == 0 with input as ran("/bin/sh", declared)
		with data.ztguard.params["ZT-RUN-003"].expected as [{"namespace": "shop", "processes": ["sh"]}]
}
