package ztguard.rules.runtime.protected_write

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-006",
	"title": "Write to a system directory in a container",
	"description": "Configuration and binaries come from the image. Writing below /etc, the binary and library directories or /boot, or dropping a file straight into the root directory, changes how the container and its programs behave: a backdoor account, a replaced binary, a preloaded library.",
	"pillar": "runtime",
	"severity": "high",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "Find the process that wrote the file; mount the root filesystem read-only (`readOnlyRootFilesystem`) and give the application writable volumes for its own data. A file the application legitimately renders at start (a configuration template) can be allowed in `ztguard.params.ZT-RUN-006.allowed_paths`.",
	"controls": {
		"mitre-attack": ["T1574"],
		"nist-800-190": ["4.4.4"],
		"nist-800-53": ["SI-7", "CM-5"],
		"pci-dss-4.0": ["11.5.2"],
		"soc2": ["CC7.2", "CC6.8"],
	},
	"params": {
		"directories": "directories no process should write below, matched by whole path segment",
		"allowed_paths": "paths that may be written, with what is below them (whole path segments)",
	},
	"events": ["file_open"],
	"response": "alert",
}

params := runtime.params(metadata.id)

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "file_open"
	e.file.access == "write"
	protected_place(e.file.path)
	some place in protected(e.file.path)
	not runtime.under_prefixes(e.file.path, allowed_prefixes)
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("`%s` wrote `%s` %s in %s", [e.process.binary, e.file.path, place, runtime.where(e)]),
		"pointer": sprintf("/runtime/events/%d/file", [i]),
	}
}

protected(path) := {sprintf("below `%s`", [dir]) | some dir in params.directories; runtime.under(path, dir)} | {"in the root directory" | runtime.in_root(path)}

# Whether `path` is protected at all: one lookup that rules out most writes before the
# directories are named.
protected_place(path) if runtime.under_prefixes(path, protected_prefixes)

protected_place(path) if runtime.in_root(path)

# The protected directories as prefixes, built once per evaluation.
protected_prefixes := {runtime.slashed(d) | some d in params.directories}

allowed_prefixes := {runtime.slashed(p) | some p in object.get(params, "allowed_paths", [])}
