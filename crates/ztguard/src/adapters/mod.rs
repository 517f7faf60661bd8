//! Adapters: what users already have, turned into facts.

pub mod kubernetes;
