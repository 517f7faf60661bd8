//! `ztguard graph`: the workload-to-workload traffic NetworkPolicies allow, as text or
//! Graphviz DOT.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ztguard::Facts;
use ztguard::input::Inputs;
use ztguard::network::{Allowance, Analysis, Edge, PortRange, Protocol};

use crate::{Format, emit, fail};

#[derive(Args)]
pub(crate) struct GraphArgs {
    /// Manifests or facts files, or directories of them.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Text)]
    format: GraphFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// One line per allowed edge, with the policies that allow it.
    Text,
    /// Graphviz DOT.
    Dot,
}

pub(crate) fn run(args: &GraphArgs) -> ExitCode {
    let mut inputs = Inputs::new();
    if let Err(error) = inputs.add_paths(&args.paths) {
        return fail(&error, Format::Table);
    }
    let facts = inputs.finish();
    let analysis = Analysis::new(&facts);
    let edges = analysis.edges();
    match args.format {
        GraphFormat::Text => emit(&text(&facts, &edges)),
        GraphFormat::Dot => emit(&dot(&facts, &edges)),
    }
    ExitCode::SUCCESS
}

fn name(facts: &Facts, index: usize) -> String {
    facts
        .workloads
        .get(index)
        .map_or_else(String::new, |w| format!("{}/{}", w.namespace, w.name))
}

fn reason(allowance: &Allowance) -> String {
    allowance.to_string()
}

fn ports(ranges: &[PortRange]) -> String {
    let every = |p: &PortRange| p.first == 1 && p.last == u16::MAX;
    if ranges.len() == 3 && ranges.iter().all(every) {
        return "any port".to_owned();
    }
    let parts: Vec<String> = ranges
        .iter()
        .map(|r| {
            let protocol = match r.protocol {
                Protocol::Tcp => "TCP",
                Protocol::Udp => "UDP",
                Protocol::Sctp => "SCTP",
            };
            match (every(r), r.first == r.last) {
                (true, _) => format!("{protocol} any"),
                (false, true) => format!("{protocol} {}", r.first),
                (false, false) => format!("{protocol} {}-{}", r.first, r.last),
            }
        })
        .collect();
    parts.join(", ")
}

fn text(facts: &Facts, edges: &[Edge]) -> String {
    let mut out = String::new();
    for e in edges {
        let _ = writeln!(
            out,
            "{} -> {} ({}; egress: {}; ingress: {})",
            name(facts, e.from),
            name(facts, e.to),
            ports(&e.ports),
            reason(&e.egress),
            reason(&e.ingress)
        );
    }
    let _ = writeln!(
        out,
        "{} allowed edges between {} workloads",
        edges.len(),
        facts.workloads.len()
    );
    out
}

fn dot(facts: &Facts, edges: &[Edge]) -> String {
    let mut out = String::from("digraph ztguard {\n  rankdir=LR;\n  node [shape=box];\n");
    let mut namespaces: Vec<&str> = facts
        .workloads
        .iter()
        .map(|w| w.namespace.as_str())
        .collect();
    namespaces.sort_unstable();
    namespaces.dedup();
    for ns in namespaces {
        let _ = writeln!(out, "  subgraph \"cluster_{ns}\" {{\n    label=\"{ns}\";");
        for (i, w) in facts
            .workloads
            .iter()
            .enumerate()
            .filter(|(_, w)| w.namespace == ns)
        {
            let _ = writeln!(out, "    w{i} [label=\"{}\"];", w.name);
        }
        out.push_str("  }\n");
    }
    for e in edges {
        let _ = writeln!(
            out,
            "  w{} -> w{} [label=\"{}\"];",
            e.from,
            e.to,
            ports(&e.ports)
        );
    }
    out.push_str("}\n");
    out
}
