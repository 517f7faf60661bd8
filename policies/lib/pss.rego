# Helpers for the workload-hardening rules: the Pod Security Standards profile in force, and
# images a rule exempts.
package ztguard.lib.pss

import data.ztguard.lib.images

# `baseline` or `restricted` (the default): `ztguard.params.pss.profile`.
profile := object.get(object.get(data.ztguard.params, "pss", {}), "profile", "restricted")

restricted if profile == "restricted"

# Whether rule `id` exempts the image container `c` runs (`ztguard.params.<id>.exempt_images`).
exempt(id, c) if {
	patterns := object.get(object.get(data.ztguard.params, id, {}), "exempt_images", [])
	images.matches_any(c.image, patterns)
}

# Whether the hardening rules judge workload `w`. A Pod's security settings cannot change after
# it is created, so an admission review that updates a Pod is not judged again.
judged(w) if not pod_update(w)

pod_update(w) if {
	w.kind == "Pod"
	w.admission_operation == "UPDATE"
}

# Every container a rule judges, with where it is: [workload index, container index, w, c].
# An array, not a set: the entries are distinct by their indexes, and hashing whole workloads
# into a set would cost more than the rules themselves.
containers(id) := [[wi, ci, w, c] |
	some wi, w in input.workloads
	judged(w)
	some ci, c in w.containers
	not exempt(id, c)
]

pointer(wi, ci, field) := sprintf("/workloads/%d/containers/%d/%s", [wi, ci, field])
