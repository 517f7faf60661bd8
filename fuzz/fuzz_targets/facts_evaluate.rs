//! Facts JSON that passes the facts schema always evaluates with the built-in rules without
//! an error.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use ztguard::Engine;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::builder()
            // Generous: the property is about errors, not speed, and sanitizers are slow.
            .time_limit(Duration::from_secs(60))
            .build()
            .unwrap_or_else(|e| panic!("the built-in bundle does not load: {e}"))
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let Ok(facts) = ztguard::facts::from_value(&value, None) else {
        return;
    };
    if let Err(e) = engine().evaluate(&facts) {
        panic!("schema-valid facts failed to evaluate: [{}] {e}\n{value}", e.code());
    }
});
