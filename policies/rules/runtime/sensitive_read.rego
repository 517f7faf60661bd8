package ztguard.rules.runtime.sensitive_read

import data.ztguard.lib.runtime

metadata := {
	"id": "ZT-RUN-007",
	"title": "Credentials or secrets opened in a container",
	"description": "Password hashes, sudo rules, service account tokens, cloud and registry credentials are what an intruder reads first to move on. Applications that use one of them legitimately (a controller reading its service account token) are exempted by binary and path.",
	"pillar": "runtime",
	"severity": "high",
	"action": "alert",
	"stages": ["runtime"],
	"remediation": "Find the process that opened the file; if it is not the application's, treat the credentials as stolen and rotate them. Do not mount tokens into pods that do not call the API (`automountServiceAccountToken: false`); exempt an application that needs one in `ztguard.params.ZT-RUN-007.exempt`.",
	"controls": {
		"mitre-attack": ["T1552.001", "T1528", "T1003.008"],
		"nist-800-190": ["4.4.4"],
		"nist-800-53": ["AC-6", "SI-4"],
		"pci-dss-4.0": ["11.5.1"],
		"soc2": ["CC7.2"],
	},
	"params": {
		"paths": "sensitive files, by exact path",
		"prefixes": "sensitive directories: every file below them, by whole path segment",
		"suffixes": "sensitive files in any home directory, by the end of their path (`/.aws/credentials`)",
		"exempt": "objects with `binaries` (an entry with a `/` is a whole path, one without a basename) and `paths` (path prefixes, by whole segment): those binaries may open those paths; a key left out matches anything",
	},
	"events": ["file_open"],
	"response": "alert",
}

params := runtime.params(metadata.id)

findings contains finding if {
	some i, e in input.runtime.events
	e.type == "file_open"
	path := e.file.path
	sensitive(path)
	not exempt(e.process.binary, path)
	finding := {
		"resource": runtime.resource(e),
		"message": sprintf("`%s` opened `%s` to %s in %s", [e.process.binary, path, e.file.access, runtime.where(e)]),
		"pointer": sprintf("/runtime/events/%d/file", [i]),
	}
}

sensitive(path) if path in paths

sensitive(path) if runtime.under_prefixes(path, prefixes)

sensitive(path) if strings.any_suffix_match(path, suffixes)

# The parameters as sets, built once per evaluation: each path is then looked up once.
paths := {p | some p in object.get(params, "paths", [])}

prefixes := {runtime.slashed(p) | some p in object.get(params, "prefixes", [])}

suffixes := {s | some s in object.get(params, "suffixes", [])}

exempt(binary, path) if {
	some x in object.get(params, "exempt", [])
	exempt_binary(x, binary)
	exempt_path(x, path)
}

exempt_binary(x, _) if not "binaries" in object.keys(x)

exempt_binary(x, binary) if runtime.binary_in(binary, x.binaries)

exempt_path(x, _) if not "paths" in object.keys(x)

exempt_path(x, path) if runtime.under_any(path, x.paths)
