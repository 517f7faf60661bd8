//! Users' own Rego tests run through the same suite as the built-ins.

use std::path::{Path, PathBuf};

use ztguard::testing::RegoTestSuite;

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/policies")
        .join(name)
}

#[test]
fn user_tests_see_the_builtin_library_and_pass() {
    let suite = RegoTestSuite::from_dirs(&[dir("acme")], None).unwrap();
    let names: Vec<&str> = suite.tests().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["test_missing_label_is_flagged", "test_present_label_passes"]
    );
    for test in suite.tests() {
        suite.run(test).unwrap();
    }
}

#[test]
fn a_failing_test_names_rule_file_line_and_what_it_got() {
    let suite = RegoTestSuite::from_dirs(&[dir("failing")], None).unwrap();
    let test = suite.tests().first().unwrap();
    let message = suite.run(test).unwrap_err();
    let file = dir("failing").join("wrong_test.rego").display().to_string();
    assert_eq!(
        message,
        format!(
            "data.acme.failing.test_answer_is_42 ({file}:5) failed: expected `true`, got undefined \
             (some expression in the test body was false)\n  stopped at line 7: `answer == 42`\n  \
             print: {file}:6: answer is 41"
        )
    );
}
