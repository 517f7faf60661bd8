package ztguard.rules.runtime.protected_write

import data.ztguard.lib.fixtures

opened(path, access) := fixtures.runtime([fixtures.open("/bin/busybox", path, access)])

test_writes_to_system_directories_are_flagged if {
	some f in findings with input as opened("/etc/passwd", "write")
	f.message == "`/bin/busybox` wrote `/etc/passwd` below `/etc` in container `app` of Pod `shop/web`"
	f.pointer == "/runtime/events/0/file"
	count(findings) == 1 with input as opened("/usr/local/bin/kubectl", "write")
	count(findings) == 1 with input as opened("/etc/ld.so.preload", "write")
}

test_files_dropped_in_the_root_directory_are_flagged if {
	some f in findings with input as opened("/payload", "write")
	f.message == "`/bin/busybox` wrote `/payload` in the root directory in container `app` of Pod `shop/web`"
}

test_directories_match_whole_segments if {
	count(findings) == 0 with input as opened("/etcetera/x", "write")
	count(findings) == 0 with input as opened("/usr/binaries/x", "write")
}

test_reads_and_data_directories_pass if {
	count(findings) == 0 with input as opened("/etc/passwd", "read")
	count(findings) == 0 with input as opened("/tmp/upload", "write")
	count(findings) == 0 with input as opened("/var/lib/app/db", "write")
}

test_directories_and_allowed_paths_are_parameters if {
	count(findings) == 0 with input as opened("/etc/nginx/conf.d/default.conf", "write")
		with data.ztguard.params["ZT-RUN-006"].allowed_paths as ["/etc/nginx/conf.d"]
	count(findings) == 1 with input as opened("/etc/nginx/nginx.conf", "write")
		with data.ztguard.params["ZT-RUN-006"].allowed_paths as ["/etc/nginx/conf.d"]
	count(findings) == 1 with input as opened("/opt/app/bin/run", "write")
		with data.ztguard.params["ZT-RUN-006"].directories as ["/opt/app/bin"]
}
