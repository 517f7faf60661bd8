package ztguard.rules.runtime.package_manager

import data.ztguard.lib.fixtures

installed(binary, args) := fixtures.runtime([fixtures.exec({"binary": binary, "args": args})])

test_installing_is_flagged if {
	some f in findings with input as installed("/usr/bin/apt-get", ["install", "-y", "nmap"])
	f.message == "package manager `/usr/bin/apt-get install -y nmap` ran in container `app` of Pod `shop/web`"
	f.pointer == "/runtime/events/0/process"
	count(findings) == 1 with input as installed("/sbin/apk", ["add", "curl"])
	count(findings) == 1 with input as installed("/usr/local/bin/pip", ["install", "requests"])
	count(findings) == 1 with input as installed("/usr/local/bin/npm", ["install", "left-pad"])
	count(findings) == 1 with input as installed("/usr/local/bin/yarn", [])
}

test_running_an_app_through_its_package_manager_passes if {
	count(findings) == 0 with input as installed("/usr/local/bin/npm", ["start"])
	count(findings) == 0 with input as installed("/usr/local/bin/yarn", ["run", "serve"])
	count(findings) == 0 with input as installed("/usr/bin/rpm", ["-qa"])
}

test_other_processes_pass if {
	count(findings) == 0 with input as installed("/usr/local/bin/node", ["server.js"])
	count(findings) == 0 with input as installed("/usr/local/bin/aptly", ["serve"])
}

test_names_and_read_only_commands_are_parameters if {
	count(findings) == 1 with input as installed("/usr/local/bin/poetry", ["add", "x"])
		with data.ztguard.params["ZT-RUN-005"].package_managers as ["poetry"]
	count(findings) == 1 with input as installed("/usr/local/bin/npm", ["start"])
		with data.ztguard.params["ZT-RUN-005"].read_only as {}
}
