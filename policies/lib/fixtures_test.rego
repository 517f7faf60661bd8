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

# A permission of `subject` (kind, namespace, name) `scope`d to a namespace (or null) allowing
# `rule`, classified as `capabilities` (as the analysis does), granted by ClusterRole `r`
# through ClusterRoleBinding `b`.
permission(subject, scope, rule, capabilities) := {
	"subject": {"kind": subject[0], "namespace": subject[1], "name": subject[2]},
	"namespace": scope,
	"rule": object.union({"api_groups": [""], "resources": [], "verbs": [], "resource_names": [], "non_resource_urls": []}, rule),
	"role": {"kind": "ClusterRole", "namespace": null, "name": "r"},
	"binding": {"kind": "ClusterRoleBinding", "namespace": null, "name": "b"},
	"capabilities": capabilities,
}

# Facts holding `permissions`, granted through binding `b`.
rbac(permissions) := {
	"workloads": [],
	"rbac": {
		"roles": [], "service_accounts": [], "dangling_bindings": [], "unbound_roles": [], "escalations": [],
		"bindings": [{"kind": "ClusterRoleBinding", "namespace": null, "name": "b", "role_ref": {"kind": "ClusterRole", "namespace": null, "name": "r"}, "subjects": []}],
		"permissions": permissions,
	},
}

alice := ["User", null, "alice"]

system_user := ["User", null, "system:kube-scheduler"]

# Facts with one AWS role allowing `statements` (objects over an empty Allow statement).
aws_role(name, statements, attached, trusted) := {
	"workloads": [],
	"rbac": {"service_accounts": [], "permissions": [], "bindings": [], "escalations": []},
	"iam": {"policies": [], "roles": [{
		"provider": "aws", "id": sprintf("arn:aws:iam::111122223333:role/%s", [name]), "name": name,
		"attached_policies": attached, "trusted_service_accounts": trusted,
		"statements": [object.union({"effect": "Allow", "actions": [], "not_actions": [], "resources": [], "conditional": false, "policy": "inline"}, s) | some s in statements],
	}]},
}

# Facts holding runtime `events`.
runtime(events) := {"runtime": {"events": events}}

# A runtime event of `type` as the engine hands it to rules (every absent value `null`), in
# container `app` of Pod `shop/web`, with `fields` over it.
event(type, fields) := object.union(
	{
		"type": type, "time": "2026-12-01T10:00:00Z", "node": null,
		"workload": {"kind": "Pod", "namespace": "shop", "name": "web"},
		"pod": "web", "container": "app", "image": null,
		"process": null, "file": null, "network": null, "api": null, "declared": null,
	},
	fields,
)

# A process with `fields` over its defaults: uid 1000, no arguments, no parents.
process(fields) := object.union(
	{
		"binary": "/usr/bin/true", "args": [], "uid": 1000, "pid": null, "cwd": null,
		"parents": [], "in_image": null, "tty": false,
	},
	fields,
)

# A `process_exec` event of a process with `fields`.
exec(fields) := event("process_exec", {"process": process(fields)})

# A `file_open` event: `binary` opened `path` to `access` (read or write).
open(binary, path, access) := event("file_open", {
	"process": process({"binary": binary}),
	"file": {"path": path, "access": access, "flags": []},
})

# A `network_connect` event: `binary` connected out to `address`:`port` over TCP.
connect(binary, address, port) := event("network_connect", {
	"process": process({"binary": binary}),
	"network": {
		"protocol": "tcp", "direction": "outbound",
		"destination": {"address": address, "port": port}, "source": null,
	},
})

# An `api_request` event: `user` asked for `action` with `fields` over the request defaults.
api(action, user, fields) := event("api_request", {"api": object.union(
	{
		"action": action, "user": user, "groups": ["system:authenticated"], "command": [],
		"tty": false, "ports": [], "source_ips": [], "user_agent": null, "audit_id": null,
	},
	fields,
)})

# What the manifest of Deployment `shop/web` declares, with `fields` over it.
declared(fields) := object.union(
	{
		"workload": {"kind": "Deployment", "namespace": "shop", "name": "web"},
		"service_account": "web", "labels": {}, "annotations": {}, "image": null,
	},
	fields,
)
