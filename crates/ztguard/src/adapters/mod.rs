//! Adapters: what users already have, turned into facts.

pub(crate) mod aws_iam;
mod cosign;
pub mod events;
pub mod evidence;
pub(crate) mod fields;
mod grype;
mod intoto;
mod k8s_audit;
pub mod kubernetes;
mod tetragon;
mod trivy;
