//! Adapters: what users already have, turned into facts.

pub(crate) mod aws_iam;
mod cosign;
pub mod evidence;
pub(crate) mod fields;
mod grype;
mod intoto;
pub mod kubernetes;
mod trivy;
