//! Loading any text as a Rego policy gives an engine or an error: never a panic, and never a
//! hang (libFuzzer's -timeout catches those).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ztguard::Engine;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Engine::builder()
        .without_builtin_rules()
        .policy("fuzz.rego", text.into_owned())
        .build();
});
