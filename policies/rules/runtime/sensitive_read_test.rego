package ztguard.rules.runtime.sensitive_read

import data.ztguard.lib.fixtures

touched(binary, path, access) := fixtures.runtime([fixtures.open(binary, path, access)])

token := "/var/run/secrets/kubernetes.io/serviceaccount/..2026_12_01_10_00_00.1/token"

test_password_hashes_are_flagged if {
	some f in findings with input as touched("/bin/cat", "/etc/shadow", "read")
	f.message == "`/bin/cat` opened `/etc/shadow` to read in container `app` of Pod `shop/web`"
	f.pointer == "/runtime/events/0/file"
	count(findings) == 1 with input as touched("/bin/sh", "/etc/sudoers", "write")
}

test_tokens_and_cloud_credentials_are_flagged if {
	count(findings) == 1 with input as touched("/usr/bin/curl", token, "read")
	count(findings) == 1 with input as touched("/usr/bin/python3", "/root/.aws/credentials", "read")
	count(findings) == 1 with input as touched("/bin/cat", "/home/app/.kube/config", "read")
	count(findings) == 1 with input as touched("/bin/cat", "/root/.docker/config.json", "read")
}

test_ordinary_files_and_lookalikes_pass if {
	count(findings) == 0 with input as touched("/bin/cat", "/etc/passwd", "read")
	count(findings) == 0 with input as touched("/bin/cat", "/etc/shadow.bak.d/x", "read")
	count(findings) == 0 with input as touched("/bin/cat", "/var/run/secrets/kubernetes.io/serviceaccountx", "read")
	count(findings) == 0 with input as touched("/bin/cat", "/root/my.aws/credentials", "read")
}

test_exempt_binaries_may_read_their_paths if {
	exempt := [{"binaries": ["manager"], "paths": ["/var/run/secrets/kubernetes.io/serviceaccount"]}]
	count(findings) == 0 with input as touched("/manager", token, "read")
		with data.ztguard.params["ZT-RUN-007"].exempt as exempt
	count(findings) == 1 with input as touched("/usr/bin/curl", token, "read")
		with data.ztguard.params["ZT-RUN-007"].exempt as exempt
	count(findings) == 1 with input as touched("/manager", "/etc/shadow", "read")
		with data.ztguard.params["ZT-RUN-007"].exempt as exempt
}

test_an_exemption_without_paths_covers_every_path_of_its_binaries if {
	count(findings) == 0 with input as touched("/usr/sbin/sshd", "/etc/shadow", "read")
		with data.ztguard.params["ZT-RUN-007"].exempt as [{"binaries": ["/usr/sbin/sshd"]}]
}

test_paths_are_parameters if {
	count(findings) == 1 with input as touched("/bin/cat", "/etc/app/secret.key", "read")
		with data.ztguard.params["ZT-RUN-007"].paths as ["/etc/app/secret.key"]
	count(findings) == 1 with input as touched("/bin/cat", "/vault/secrets/db", "read")
		with data.ztguard.params["ZT-RUN-007"].prefixes as ["/vault/secrets"]
}
