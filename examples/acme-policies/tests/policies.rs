//! The team's policies pass their Rego unit tests; this is all a crate needs.

use ztguard::testing::{TestFailures, check_dirs};

#[test]
fn acme_policies_pass_their_tests() -> Result<(), TestFailures> {
    check_dirs(&[acme_policies::POLICIES])
}

/// A test with a wrong expectation (in `testdata/policies/mixed`) fails the check, and the
/// failure says what it expected and what it got.
#[test]
fn a_wrong_expectation_fails_with_what_it_expected_and_got() {
    let mixed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/policies/mixed");
    let failures = check_dirs(&[acme_policies::POLICIES, mixed])
        .err()
        .map(|f| f.to_string())
        .unwrap_or_default();
    assert!(
        failures.contains("FAIL  test_own_project_is_flagged ("),
        "{failures}"
    );
    assert!(
        failures.contains("stopped at line 28: `testing.equal(count(found), 1)`"),
        "{failures}"
    );
    assert!(failures.contains("expected 1, got 0"), "{failures}");
    assert!(failures.contains("ok    test_base_images_are_not_shared_unless_configured"));
    assert!(
        failures.ends_with("6 tests: 5 passed, 1 failed\n"),
        "{failures}"
    );
}
