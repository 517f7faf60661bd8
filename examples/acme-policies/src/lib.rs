//! Acme's own ztguard policies, kept in `policies/` beside their Rego unit tests, and checked
//! by `cargo test` (see `tests/policies.rs`).
//!
//! An engine with the built-in rules and these:
//!
//! ```
//! # fn main() -> Result<(), ztguard::Error> {
//! let engine = ztguard::Engine::builder().policy_dir(acme_policies::POLICIES)?.build()?;
//! assert!(engine.rules().iter().any(|r| r.metadata.id == "ACME-REG-001"));
//! # Ok(())
//! # }
//! ```

/// The directory of the Rego policies and their tests.
pub const POLICIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/policies");
