package ztguard.rules.acme.no_metadata

findings contains {"resource": {"kind": "Pod", "name": w.name}, "message": "hi"} if {
	some w in input.workloads
}
