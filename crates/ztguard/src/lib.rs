//! ztguard: an embeddable zero-trust policy engine for containers.
//!
//! Adapters turn what users already have (Kubernetes manifests, facts documents) into
//! [`Facts`]; the [`Engine`] judges them with Rego policies, the built-in bundle plus any of
//! the user's own, and returns a [`Report`].
//!
//! ```
//! # fn main() -> Result<(), ztguard::Error> {
//! let engine = ztguard::Engine::builtin()?;
//! let facts = ztguard::facts_from_text("pod.yaml", r#"
//! apiVersion: v1
//! kind: Pod
//! metadata: {name: web, namespace: shop}
//! spec:
//!   containers:
//!   - name: app
//!     image: nginx:latest
//!     securityContext: {privileged: true}
//! "#)?;
//! let report = engine.evaluate(&facts)?;
//! assert!(!report.allowed);
//! assert!(report.findings.iter().any(|f| f.rule == "ZT-PRV-001"));
//! # Ok(())
//! # }
//! ```

pub mod adapters;
pub mod admission;
pub mod bundle;
pub mod clock;
pub mod compliance;
pub mod document;
pub mod engine;
pub mod error;
pub mod facts;
pub mod image;
pub mod input;
pub mod limits;
pub mod metadata;
pub mod network;
pub mod rbac;
pub mod render;
pub mod report;
pub mod runtime;
pub mod selector;
pub mod table;
pub mod testing;
pub mod waivers;

pub use engine::{Engine, EngineBuilder, Rule};
pub use error::{Error, ErrorCode, ErrorRecord, Location, Result};
pub use facts::Facts;
pub use input::{facts_from_paths, facts_from_text};
pub use metadata::{Action, Pillar, Response, RuleMetadata, Severity, Stage};
pub use report::{Finding, Report, Resource};
pub use waivers::Waivers;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
