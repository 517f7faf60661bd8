//! Runtime benchmark: events per second through a [`Monitor`] with the whole built-in bundle,
//! on one core and on every core, over a mix of event types like a busy node's (mostly file
//! and network activity, some process starts, a few API requests, about 2% suspicious).
//!
//! Run with `cargo bench -p ztguard --bench runtime`. Figures go to BENCHMARKS.md.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![expect(clippy::unwrap_used, reason = "a benchmark stops on any error")]
#![expect(
    clippy::indexing_slicing,
    reason = "the generator indexes JSON values and arrays it just built"
)]

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use ztguard::Engine;
use ztguard::facts::RuntimeEvent;
use ztguard::runtime::{Monitor, event_from_value};

const NAMESPACES: usize = 10;
const WORKLOADS: usize = 20;

fn manifests() -> ztguard::Facts {
    let mut yaml = String::new();
    for n in 0..NAMESPACES {
        for w in 0..WORKLOADS {
            yaml.push_str(&format!(
                "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: app-{w}, namespace: ns-{n}}}\nspec:\n  template:\n    metadata: {{labels: {{app: app-{w}}}}}\n    spec:\n      containers:\n      - {{name: app, image: \"registry.example.com/app-{w}:1.{w}\"}}\n"
            ));
        }
    }
    ztguard::facts_from_text("cluster.yaml", &yaml).unwrap()
}

/// Event `i` of the mix: per 100 events, 45 file opens, 30 connections, 20 process starts,
/// 3 API requests and 2 suspicious events (a root shell, a write below /etc).
fn event(i: usize) -> RuntimeEvent {
    let workload = json!({
        "kind": "Pod", "namespace": format!("ns-{}", i % NAMESPACES),
        "name": format!("app-{}-7d9c8b6f5-x{:04}", i % WORKLOADS, i % 10_000),
    });
    let base = |kind: &str| -> Value {
        json!({
            "type": kind, "time": "2026-12-01T10:00:00Z", "workload": workload,
            "pod": workload["name"], "container": "app", "node": "node-1",
            "process": {
                "binary": "/usr/local/bin/app", "args": ["--port", "8080"], "uid": 1000,
                "pid": 4000 + i % 100, "parents": ["/usr/bin/containerd-shim-runc-v2"],
            },
        })
    };
    let mut e = match i % 100 {
        0..45 => {
            let mut e = base("file_open");
            let path = [
                "/app/static/index.html",
                "/etc/ssl/certs/ca-certificates.crt",
                "/tmp/cache/0",
            ];
            let access = if i % 3 == 2 { "write" } else { "read" };
            e["file"] = json!({"path": path[i % 3], "access": access, "flags": []});
            e
        }
        45..75 => {
            let mut e = base("network_connect");
            e["network"] = json!({
                "protocol": "tcp", "direction": "outbound",
                "destination": {"address": format!("10.96.{}.{}", i % 200, i % 250), "port": 5432},
            });
            e
        }
        75..95 => {
            let mut e = base("process_exec");
            e["process"]["binary"] =
                json!(["/usr/local/bin/app", "/usr/bin/python3", "/bin/sh"][i % 3]);
            e["process"]["args"] = json!(["-c", "healthcheck --quiet"]);
            e["process"]["in_image"] = json!(true);
            e
        }
        95..98 => json!({
            "type": "api_request", "time": "2026-12-01T10:00:00Z", "workload": workload,
            "pod": workload["name"], "container": "app",
            "api": {"action": "exec", "user": "system:serviceaccount:ops:debugger", "command": ["cat", "/tmp/state"]},
        }),
        98 => {
            let mut e = base("process_exec");
            e["process"]["binary"] = json!("/bin/bash");
            e["process"]["args"] = json!([]);
            e["process"]["uid"] = json!(0);
            e["process"]["tty"] = json!(true);
            e
        }
        _ => {
            let mut e = base("file_open");
            e["file"] = json!({"path": "/etc/passwd", "access": "write", "flags": ["O_WRONLY"]});
            e
        }
    };
    if e["process"].is_null() {
        e.as_object_mut().unwrap().remove("process");
    }
    event_from_value(&e).unwrap()
}

/// Events per second one monitor gets through in `window`, in batches of `batch`.
fn rate(mut monitor: Monitor, events: &[RuntimeEvent], batch: usize, window: Duration) -> f64 {
    let start = Instant::now();
    let mut done = 0;
    while start.elapsed() < window {
        for chunk in events.chunks(batch) {
            monitor.observe_batch(chunk.to_vec()).unwrap();
            done += chunk.len();
        }
    }
    done as f64 / start.elapsed().as_secs_f64()
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let engine = Engine::builtin().unwrap();
    let monitor = Monitor::new(engine).with_workloads(&manifests());
    let events: Vec<RuntimeEvent> = (0..10_000).map(event).collect();
    let mut once = monitor.clone();
    let found: usize = events
        .chunks(256)
        .map(|chunk| once.observe_batch(chunk.to_vec()).unwrap().len())
        .sum();
    println!(
        "mix of {} events: {found} detections in one pass",
        events.len()
    );
    let window = Duration::from_secs(2);

    for batch in [1, 16, 256] {
        let samples: Vec<f64> = (0..5)
            .map(|_| rate(monitor.clone(), &events, batch, window))
            .collect();
        println!(
            "one core, batch {batch:>3}: median {:>8.0} events/s (5 runs of 2 s)",
            median(samples)
        );
    }

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let samples: Vec<f64> = (0..3)
        .map(|_| {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..cores)
                    .map(|_| {
                        let monitor = monitor.clone();
                        let events = &events;
                        s.spawn(move || rate(monitor, events, 256, window))
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).sum::<f64>()
            })
        })
        .collect();
    println!(
        "{cores} cores, batch 256: median {:>8.0} events/s (3 runs of 2 s)",
        median(samples)
    );
}
