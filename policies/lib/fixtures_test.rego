# Facts for rule tests: normalized workloads as the adapter writes them, with every default.
package ztguard.lib.fixtures

image := {"name": "nginx:1.27", "registry": "docker.io", "repository": "library/nginx", "tag": "1.27", "digest": null}

security_defaults := {
	"privileged": false, "allow_privilege_escalation": true, "run_as_non_root": false,
	"run_as_user": null, "run_as_group": null, "read_only_root_filesystem": false,
	"capabilities": {"add": [], "drop": []}, "seccomp_profile": null, "seccomp_localhost_profile": null,
	"apparmor_profile": null, "apparmor_localhost_profile": null, "selinux_type": null,
	"selinux_user": null, "selinux_role": null, "proc_mount": "Default", "windows_host_process": false,
}

# A container of `type` (container, init, ephemeral) with `security` over the defaults.
container(name, type, security) := {
	"name": name, "type": type, "image": image, "ports": [], "volume_mounts": [],
	"stdin": false, "tty": false, "security": object.union(security_defaults, security),
}

# Facts with one Pod holding `containers`, with `spec` over the pod defaults.
pod(containers, spec) := {"workloads": [object.union(
	{
		"kind": "Pod", "namespace": "default", "name": "p", "labels": {}, "annotations": {},
		"service_account": "default", "automount_service_account_token": null,
		"host_network": false, "host_pid": false, "host_ipc": false,
		"volumes": [], "sysctls": [], "containers": containers, "admission_operation": null,
	},
	spec,
)]}

# Facts with one Pod and one container `c` with `security`.
one(security) := pod([container("c", "container", security)], {})
