//! Every reference the parser accepts round-trips: its canonical form parses to the same
//! registry, repository, tag and digest, and is its own canonical form. (`name` keeps the
//! reference as written, so it differs between the two.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use ztguard::image::ImageRef;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(reference) = ImageRef::parse(text) else {
        return;
    };
    let canonical = reference.canonical();
    let again = ImageRef::parse(&canonical)
        .unwrap_or_else(|e| panic!("`{text}` gave `{canonical}`, which does not parse: {e}"));
    let parts = |r: &ImageRef| (r.registry.clone(), r.repository.clone(), r.tag.clone(), r.digest.clone());
    assert_eq!(
        parts(&again),
        parts(&reference),
        "`{text}` and its canonical `{canonical}` differ"
    );
    assert_eq!(again.canonical(), canonical);
});
