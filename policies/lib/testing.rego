# Helpers for unit tests of rules: assertions that say what they got when they fail.
package ztguard.lib.testing

# equal(actual, expected) is true when the two are equal. When they differ it is false and
# prints both, so the failing test's report shows expected against actual.
equal(actual, expected) if actual == expected

equal(actual, expected) := false if {
	actual != expected
	print(sprintf("expected %v, got %v", [expected, actual]))
}

# names(findings) is the set of resource names a findings set reports on, to compare with
# the names a test expects.
names(findings) := {f.resource.name | some f in findings}
