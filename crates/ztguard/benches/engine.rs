//! Engine benchmark: construction time, evaluation latency (median and p90) and throughput on
//! one thread and on every core, for the README example and for a synthetic cluster of a
//! realistic size.
//!
//! Run with `cargo bench -p ztguard --bench engine`. Figures go to BENCHMARKS.md.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![expect(clippy::unwrap_used, reason = "a benchmark stops on any error")]
#![expect(
    clippy::indexing_slicing,
    reason = "indexes are taken modulo the length"
)]

use std::path::Path;
use std::time::{Duration, Instant};

use ztguard::{Engine, Facts};

fn quickstart() -> Facts {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/examples/quickstart");
    ztguard::facts_from_paths(&[dir.join("manifests.yaml"), dir.join("runtime.json")]).unwrap()
}

/// A cluster of `namespaces` namespaces with `per_namespace` Deployments each (two containers
/// and an init container apiece, mixed hardening), default-deny in half the namespaces, and
/// `events` runtime events.
fn cluster(namespaces: usize, per_namespace: usize, events: usize) -> Facts {
    let mut yaml = String::new();
    for n in 0..namespaces {
        yaml.push_str(&format!(
            "---\napiVersion: v1\nkind: Namespace\nmetadata: {{name: ns-{n}}}\n"
        ));
        if n % 2 == 0 {
            yaml.push_str(&format!(
                "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: deny, namespace: ns-{n}}}\nspec: {{podSelector: {{}}, policyTypes: [Ingress]}}\n"
            ));
        }
        for w in 0..per_namespace {
            let hardened = (n + w) % 3 == 0;
            let security = if hardened {
                "{runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false}"
            } else {
                "{}"
            };
            let image = if w % 4 == 0 {
                "nginx:latest".to_owned()
            } else {
                format!("registry.example.com/app-{w}:1.{w}")
            };
            yaml.push_str(&format!(
                "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: app-{w}, namespace: ns-{n}}}\nspec:\n  template:\n    metadata: {{labels: {{app: app-{w}, tier: web}}}}\n    spec:\n      hostNetwork: {host}\n      initContainers:\n      - {{name: init, image: busybox:1.36, securityContext: {security}}}\n      containers:\n      - {{name: app, image: \"{image}\", securityContext: {security}}}\n      - {{name: sidecar, image: envoyproxy/envoy:v1.31.0, securityContext: {security}}}\n",
                host = w % 17 == 0,
            ));
        }
    }
    let mut facts = ztguard::facts_from_text("cluster.yaml", &yaml).unwrap();
    for i in 0..events {
        let binary = if i % 50 == 0 {
            "/bin/sh"
        } else {
            "/usr/local/bin/app"
        };
        let event = serde_json::json!({
            "type": "process_exec", "time": "2026-12-01T10:00:00Z",
            "workload": {"kind": "Deployment", "namespace": format!("ns-{}", i % namespaces), "name": format!("app-{}", i % per_namespace)},
            "container": "app",
            "process": {"binary": binary, "uid": i % 2, "args": []},
        });
        facts
            .runtime
            .events
            .push(serde_json::from_value(event).unwrap());
    }
    facts
}

/// RBAC of a large cluster: `namespaces` namespaces with `per_namespace` RoleBindings each, to
/// a handful of ClusterRoles (some of which create pods, read secrets or exec), each binding a
/// service account of its own and every tenth a user too.
fn rbac_cluster(namespaces: usize, per_namespace: usize) -> Facts {
    let mut yaml = String::new();
    let roles = [
        (
            "viewer",
            "[get, list, watch]",
            "[pods, services, configmaps]",
        ),
        ("deployer", "[create, update, patch]", "[pods]"),
        ("secret-reader", "[get, list]", "[secrets]"),
        ("debugger", "[create]", "[pods/exec]"),
        (
            "editor",
            "[get, list, create, update]",
            "[configmaps, services]",
        ),
    ];
    for (name, verbs, resources) in roles {
        yaml.push_str(&format!(
            "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {{name: {name}}}\nrules:\n- {{apiGroups: [\"\"], resources: {resources}, verbs: {verbs}}}\n"
        ));
    }
    for n in 0..namespaces {
        for b in 0..per_namespace {
            let (role, _, _) = roles[(n + b) % roles.len()];
            let user = if b % 10 == 0 {
                format!("\n- {{kind: User, name: dev-{n}}}")
            } else {
                String::new()
            };
            yaml.push_str(&format!(
                "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {{name: b-{b}, namespace: ns-{n}}}\nroleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {role}}}\nsubjects:\n- {{kind: ServiceAccount, name: sa-{b}, namespace: ns-{n}}}{user}\n"
            ));
        }
    }
    ztguard::facts_from_text("rbac.yaml", &yaml).unwrap()
}

/// `namespaces` namespaces of `per_namespace` workloads each (labelled by app and tier), and
/// `policies` NetworkPolicies spread over them: default-deny, tier-to-tier allowances with pod
/// and namespace selectors, and port-limited egress.
fn network_cluster(namespaces: usize, per_namespace: usize, policies: usize) -> Facts {
    let tiers = ["web", "api", "db"];
    let mut yaml = String::new();
    for n in 0..namespaces {
        yaml.push_str(&format!("---\napiVersion: v1\nkind: Namespace\nmetadata: {{name: ns-{n}, labels: {{zone: z{}}}}}\n", n % 4));
        for w in 0..per_namespace {
            let tier = tiers[w % tiers.len()];
            yaml.push_str(&format!(
                "---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p-{w}, namespace: ns-{n}, labels: {{app: a{w}, tier: {tier}}}}}\nspec: {{containers: [{{name: c, image: \"app:1\", ports: [{{name: http, containerPort: 8080}}]}}]}}\n"
            ));
        }
    }
    for p in 0..policies {
        let n = p % namespaces;
        let body = match p % 4 {
            0 => "podSelector: {}\n  policyTypes: [Ingress]".to_owned(),
            1 => "podSelector: {matchLabels: {tier: api}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {tier: web}}}]\n    ports: [{port: http}]".to_owned(),
            2 => format!("podSelector: {{matchLabels: {{tier: db}}}}\n  ingress:\n  - from: [{{namespaceSelector: {{matchLabels: {{zone: z{}}}}}, podSelector: {{matchLabels: {{tier: api}}}}}}]", p % 4),
            _ => "podSelector: {matchLabels: {tier: web}}\n  policyTypes: [Egress]\n  egress:\n  - ports: [{port: 8080}, {port: 53, protocol: UDP}]".to_owned(),
        };
        yaml.push_str(&format!("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: np-{p}, namespace: ns-{n}}}\nspec:\n  {body}\n"));
    }
    ztguard::facts_from_text("network.yaml", &yaml).unwrap()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn percentile(mut samples: Vec<Duration>, p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples.get(i).copied().unwrap_or_default()
}

fn latency(engine: &Engine, facts: &Facts, runs: usize) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(engine.evaluate(facts).unwrap());
            start.elapsed()
        })
        .collect()
}

/// Evaluations per second with `threads` threads sharing one engine for `window`.
fn throughput(engine: &Engine, facts: &Facts, threads: usize, window: Duration) -> f64 {
    let start = Instant::now();
    let total: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut n = 0;
                    while start.elapsed() < window {
                        std::hint::black_box(engine.evaluate(facts).unwrap());
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    total as f64 / start.elapsed().as_secs_f64()
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let builds: Vec<Duration> = (0..10)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(Engine::builtin().unwrap());
            start.elapsed()
        })
        .collect();
    let engine = Engine::builtin().unwrap();
    println!(
        "engine construction (built-in bundle, {} rules): median {}",
        engine.rules().len(),
        ms(median(builds))
    );

    let documents = [
        ("README example (3 workloads, 2 events)", quickstart(), 2000),
        (
            "cluster (20 namespaces, 400 workloads, 1200 containers, 1000 events)",
            cluster(20, 20, 1000),
            40,
        ),
    ];
    let rbac = rbac_cluster(200, 25);
    let analyses: Vec<Duration> = (0..5)
        .map(|_| {
            let mut facts = rbac.clone();
            let start = Instant::now();
            facts.analyse();
            start.elapsed()
        })
        .collect();
    let mut analysed = rbac.clone();
    analysed.analyse();
    println!(
        "\nRBAC analysis ({} bindings, {} permissions, {} escalations): median {}",
        analysed.rbac.bindings.len(),
        analysed.rbac.permissions.len(),
        analysed.rbac.escalations.len(),
        ms(median(analyses))
    );
    let rbac_evaluations = latency(&engine, &rbac, 5);
    println!(
        "  evaluation of every rule over it: median {}",
        ms(median(rbac_evaluations))
    );

    let network = network_cluster(100, 20, 500);
    let analyses: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(ztguard::network::Analysis::new(&network));
            start.elapsed()
        })
        .collect();
    let analysis = ztguard::network::Analysis::new(&network);
    let start = Instant::now();
    let edges = (0..network.workloads.len())
        .flat_map(|a| (0..network.workloads.len()).map(move |b| (a, b)))
        .filter(|(a, b)| a != b && analysis.edge(*a, *b).is_some())
        .count();
    let pairs = start.elapsed();
    println!(
        "\nNetwork analysis ({} workloads, {} policies): indexing median {}; every pair ({} questions, {edges} allowed) {}",
        network.workloads.len(),
        network.network.policies.len(),
        ms(median(analyses)),
        network.workloads.len() * (network.workloads.len() - 1),
        ms(pairs)
    );

    for (name, facts, runs) in &documents {
        let report = engine.evaluate(facts).unwrap();
        let samples = latency(&engine, facts, *runs);
        println!("\n{name}: {} findings", report.summary.total);
        println!(
            "  latency: median {}, p90 {} over {runs} runs",
            ms(median(samples.clone())),
            ms(percentile(samples, 0.9))
        );
        let window = Duration::from_secs(3);
        let one = throughput(&engine, facts, 1, window);
        let all = throughput(&engine, facts, cores, window);
        println!(
            "  throughput: {one:.1}/s on 1 thread, {all:.1}/s on {cores} threads ({:.2}x)",
            all / one
        );
    }
}
