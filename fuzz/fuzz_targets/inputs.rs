//! Any bytes, read as an input file (manifests, evidence, IAM, events, facts), give facts or
//! an error; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ztguard::input::Inputs;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for name in ["input.yaml", "input.json"] {
        let mut inputs = Inputs::new();
        if inputs
            .add_text(name, &text, "2026-12-01T11:00:00Z")
            .is_ok()
        {
            let _ = inputs.finish();
        }
    }
});
