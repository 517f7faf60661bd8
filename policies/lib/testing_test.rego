package ztguard.lib.testing_test

import data.ztguard.lib.testing

test_equal_values_are_equal if {
	testing.equal(count([1, 2]), 2)
}

test_different_values_are_not if {
	not testing.equal(1, 2)
}

test_names_collects_resource_names if {
	testing.names({{"resource": {"name": "a"}}, {"resource": {"name": "b"}}}) == {"a", "b"}
}
