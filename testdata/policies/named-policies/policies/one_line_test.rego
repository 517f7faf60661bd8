# A user directory that is itself called `policies`, with one-line tests; one fails.
package acme.one_line_test

test_sum if 1 + 1 == 2

test_wrong_sum if 1 + 1 == 3

# A comment right after the test: the test's body is its own line.
