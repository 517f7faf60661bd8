package ztguard.rules.acme.broken

metadata := {"id": "ACME-BRK-001"}

findings contains f if {
	some w in input.workloads
	f := {"resource": {"kind": w.kind, "name": w.name}, "message": 
}
