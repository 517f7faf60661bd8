# Helpers for rules about images: references, patterns, and evidence ages.
package ztguard.lib.images

# The fully qualified reference: registry/repository[:tag][@digest].
canonical(ref) := concat("", [ref.registry, "/", ref.repository, tag_part(ref), digest_part(ref)])

tag_part(ref) := "" if ref.tag == null

tag_part(ref) := concat("", [":", ref.tag]) if ref.tag != null

digest_part(ref) := "" if ref.digest == null

digest_part(ref) := concat("", ["@", ref.digest]) if ref.digest != null

# The image's path as segments: [registry, repository segments...].
segments(ref) := array.concat([ref.registry], split(ref.repository, "/"))

# The image fact describing what container `c` runs.
image_of(c) := img if {
	some img in input.images
	same(img.reference, c.image)
}

# Whether two parsed references name the same image.
same(a, b) if {
	a.registry == b.registry
	a.repository == b.repository
	a.tag == b.tag
	a.digest == b.digest
}

# Whether `ref` matches `pattern`, a reference written as in manifests, matched by whole path
# segment, never by string prefix:
#   `registry.example.com`     every image from that registry
#   `docker.io/acme`           every image at or below that path
#   `nginx`                    Docker Hub's `docker.io/library/nginx` (and below it)
#   `acme/*`                   every image strictly below that path (`docker.io/acme/...`)
#   `ubuntu:22.04`             exactly that repository and tag
#   `*`                        every image
# `*` alone matches every image.
matches(_, pattern) if pattern == "*"

matches(ref, pattern) if {
	p := parse_pattern(pattern)
	image := segments(ref)
	count(image) >= count(p.segments)
	array.slice(image, 0, count(p.segments)) == p.segments
	p.kind == "prefix"
}

matches(ref, pattern) if {
	p := parse_pattern(pattern)
	image := segments(ref)
	count(image) > count(p.segments)
	array.slice(image, 0, count(p.segments)) == p.segments
	p.kind == "below"
}

matches(ref, pattern) if {
	p := parse_pattern(pattern)
	p.kind == "tag"
	segments(ref) == p.segments
	ref.tag == p.tag
}

matches_any(ref, patterns) if {
	some pattern in patterns
	matches(ref, pattern)
}

parse_pattern(pattern) := {"kind": "below", "segments": below(trim_suffix(pattern, "/*"))} if {
	endswith(pattern, "/*")
}

parse_pattern(pattern) := {"kind": "prefix", "segments": [registry_name(pattern)]} if {
	not endswith(pattern, "/*")
	is_registry(pattern)
}

parse_pattern(pattern) := {"kind": "prefix", "segments": path(pattern)} if {
	not endswith(pattern, "/*")
	not is_registry(pattern)
	not tagged(pattern)
}

parse_pattern(pattern) := {"kind": "tag", "segments": path(name), "tag": tag} if {
	not endswith(pattern, "/*")
	not is_registry(pattern)
	tagged(pattern)
	parts := split(pattern, ":")
	tag := parts[count(parts) - 1]
	name := trim_suffix(pattern, concat("", [":", tag]))
}

# A pattern with no `/` that names a host: has a dot, is localhost, or is host:port.
is_registry(pattern) if {
	not contains(pattern, "/")
	contains(pattern, ".")
	not tagged_name(pattern)
}

is_registry(pattern) if pattern == "localhost"

# Only a name with a dot (or localhost) before `:port` is a host: `python:3` is a tag.
is_registry(pattern) if {
	not contains(pattern, "/")
	regex.match(`^(localhost|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+):[0-9]+$`, pattern)
}

# `name:tag` with no `/` after the colon, and not a host:port.
tagged(pattern) if {
	parts := split(pattern, "/")
	contains(parts[count(parts) - 1], ":")
	not is_registry(pattern)
}

tagged_name(pattern) if regex.match(`^[a-z0-9._-]+:[A-Za-z0-9_][A-Za-z0-9_.-]*$`, pattern)

registry_name("index.docker.io") := "docker.io"

registry_name(name) := name if name != "index.docker.io"

# Path segments of a repository pattern, with Docker Hub's defaults applied.
path(name) := array.concat(["docker.io", "library"], [name]) if not contains(name, "/")

path(name) := array.concat(["docker.io"], parts) if {
	parts := split(name, "/")
	count(parts) > 1
	not host(parts[0])
}

path(name) := array.concat([registry_name(parts[0])], array.slice(parts, 1, count(parts))) if {
	parts := split(name, "/")
	count(parts) > 1
	host(parts[0])
}

# The path below which `name/*` matches: a bare name is a Docker Hub namespace or a host.
below(name) := [registry_name(name)] if {
	not contains(name, "/")
	host(name)
}

below(name) := ["docker.io", name] if {
	not contains(name, "/")
	not host(name)
}

below(name) := path(name) if contains(name, "/")

host(segment) if contains(segment, ".")

host(segment) if contains(segment, ":")

host(segment) if segment == "localhost"

# Nanoseconds between `observed_at` and the time the facts describe.
age_ns(observed_at) := time.parse_rfc3339_ns(input.time) - time.parse_rfc3339_ns(observed_at)

# Whether evidence observed at `observed_at` is no older than `max_age` (a Go duration, `24h`)
# and not from the future (beyond five minutes of clock skew).
fresh(observed_at, max_age) if {
	age := age_ns(observed_at)
	age <= time.parse_duration_ns(max_age)
	age >= -300000000000
}

# The resource a finding about the image container `c` of workload `w` runs names.
resource(w, c) := {
	"kind": w.kind, "namespace": w.namespace, "name": w.name,
	"container": c.name, "image": canonical(c.image),
}

# Whether workload `w` is in one of `namespaces`; `*` means every namespace.
in_namespaces(w, namespaces) if "*" in namespaces

in_namespaces(w, namespaces) if w.namespace in namespaces
