//! Every `test_*` rule of the built-in bundle, each as its own named test.

use libtest_mimic::{Arguments, Failed, Trial};
use ztguard::testing::RegoTestSuite;

fn main() {
    let args = Arguments::from_args();
    let trials = match RegoTestSuite::builtin() {
        Ok(suite) => {
            let suite = std::sync::Arc::new(suite);
            suite
                .tests()
                .iter()
                .map(|test| {
                    let (suite, test) = (suite.clone(), test.clone());
                    Trial::test(test.display_name(), move || {
                        suite.run(&test).map_err(Failed::from)
                    })
                })
                .collect()
        }
        Err(e) => {
            let message = e.to_string();
            vec![Trial::test("load the built-in bundle", move || {
                Err(Failed::from(message))
            })]
        }
    };
    libtest_mimic::run(&args, trials).exit();
}
