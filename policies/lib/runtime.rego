# Helpers for rules about runtime events (`input.runtime.events`).
#
# Events come from sensors and from the Kubernetes API's audit log; absent values are `null`.
# These helpers also accept events written by hand without the `null` fields.
package ztguard.lib.runtime

import data.ztguard.lib.k8s

# The parameters of rule `id`, `{}` when data gives none.
params(id) := object.get(data.ztguard.params, id, {})

# What the manifest of event `e`'s workload declares; undefined when it is not known.
declared(e) := d if {
	d := object.get(e, "declared", null)
	d != null
}

# The workload of event `e` as the manifests name it when they are known (a Deployment, not
# its pod), else as the sensor named it.
workload(e) := declared(e).workload

workload(e) := e.workload if not declared(e)

# The labels and annotations the manifest of event `e`'s workload declares; `{}` when unknown.
labels(e) := object.get(declared(e), "labels", {}) if declared(e)

labels(e) := {} if not declared(e)

annotations(e) := object.get(declared(e), "annotations", {}) if declared(e)

annotations(e) := {} if not declared(e)

# The container event `e` happened in; undefined when the event names none.
container(e) := c if {
	c := object.get(e, "container", null)
	c != null
}

# The resource a finding about event `e` names: its workload and, when known, its container.
resource(e) := object.union(workload_resource(e), container_part(e))

workload_resource(e) := {"kind": w.kind, "namespace": w.namespace, "name": w.name} if w := workload(e)

container_part(e) := {"container": container(e)}

container_part(e) := {} if not container(e)

# Where event `e` happened, for messages: "container `app` of Deployment `shop/web`".
where(e) := sprintf("container `%s` of %s", [container(e), workload_label(e)])

where(e) := workload_label(e) if not container(e)

workload_label(e) := sprintf("%s `%s/%s`", [w.kind, w.namespace, w.name]) if w := workload(e)

# The process of event `e`, with the fields hand-written events may leave out defaulted.
process(e) := object.union({"args": [], "parents": [], "in_image": null, "tty": false}, e.process)

# The last path component of the binary event `e`'s process runs: `/usr/bin/bash` -> `bash`.
binary_name(e) := k8s.basename(e.process.binary)

# The basename of the binary of the direct parent of event `e`'s process; undefined when the
# sensor saw none.
parent_name(e) := k8s.basename(process(e).parents[0])

# Whether `binary` (an absolute path) is named by `entry`: an entry with a `/` is a whole path,
# one without is a basename. `bash` names `/bin/bash` and `/usr/bin/bash`; `/bin/bash` only the
# first.
names_binary(entry, binary) if {
	contains(entry, "/")
	entry == binary
}

names_binary(entry, binary) if {
	not contains(entry, "/")
	entry == k8s.basename(binary)
}

# Whether `binary` is named by one of `entries`.
binary_in(binary, entries) if {
	some entry in entries
	names_binary(entry, binary)
}

# Whether `path` is `dir` or below it, by whole path segment: `/etc` covers `/etc` and
# `/etc/passwd`, not `/etcetera`; `/` covers every absolute path.
under(path, dir) if path == dir

under(path, dir) if startswith(path, slashed(dir))

# Whether `path` is below one of `dirs`.
under_any(path, dirs) if under_prefixes(path, {slashed(d) | some d in dirs})

# `dir` ending in exactly one `/`: `/etc` and `/etc/` give `/etc/`, `/` gives `/`.
slashed(dir) := concat("", [trim_suffix(dir, "/"), "/"])

# Whether `path` is below one of `prefixes`, directories already `slashed`, or is one of them.
# Rules that match many paths build the prefixes once and call this: one lookup per path.
under_prefixes(path, prefixes) if strings.any_prefix_match(path, prefixes)

under_prefixes(path, prefixes) if concat("", [path, "/"]) in prefixes

# Whether `path` is a file directly in the root directory, such as `/payload`.
in_root(path) if {
	startswith(path, "/")
	count(split(path, "/")) == 2
	path != "/"
}

# Whether the IP `address` is in `cidr`. Addresses and blocks of different families never
# match, and neither does an address that is not an IP (a host name, an IPv6 zone): no error.
# An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) counts as its IPv4 address.
in_cidr(address, cidr) if {
	a := ip(address)
	ipv6(a) == ipv6(cidr)
	net.cidr_contains(cidr, a)
}

# The IP literal `address` is, IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) read as IPv4;
# undefined when `address` is not an IP literal.
ip(address) := a if {
	a := regex.replace(address, `^::[fF]{4}:(\d+\.\d+\.\d+\.\d+)$`, "$1")
	regex.match(`^(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])|[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7})$`, a)
}

ipv6(text) := contains(text, ":")

# The address and port of the other end of a `network_connect` event, for messages:
# `203.0.113.9:443`, `[2001:db8::1]:443`.
destination(e) := sprintf("%s:%d", [d.address, d.port]) if {
	d := e.network.destination
	not ipv6(d.address)
}

destination(e) := sprintf("[%s]:%d", [d.address, d.port]) if {
	d := e.network.destination
	ipv6(d.address)
}

# The command line of event `e`'s process, for messages: `sh -c id`.
command_line(e) := concat(" ", array.concat([e.process.binary], process(e).args))
