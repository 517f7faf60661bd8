use serde_json::{json, Value};
use ztguard::facts::RuntimeEvent;
use ztguard::runtime::event_from_value;
const NAMESPACES: usize = 10;
const WORKLOADS: usize = 20;
use std::time::Instant;
fn main() {
    let engine = ztguard::Engine::builtin().unwrap();
    let text = std::fs::read_to_string("testdata/events/tetragon.jsonl").unwrap();
    let mut events = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if let Ok(ztguard::runtime::Reading::Event(e)) = ztguard::runtime::read_line("t", i + 1, l) {
            events.push(*e);
        }
    }
    let mut all = Vec::new();
    for _ in 0..20 { all.extend(events.iter().cloned()); }
    if std::env::var("MIX").is_ok() { all = (0..2000).map(event).collect(); }
    for body in ["false", "some e in input.runtime.events; e.type == \"never\"", "some e in input.runtime.events; e.process.uid == 12345"] {
        let src = format!("package ztguard.rules.x.y\nmetadata := {{\"id\": \"X-Y-1\", \"title\": \"t\", \"pillar\": \"runtime\", \"severity\": \"low\", \"action\": \"alert\", \"stages\": [\"runtime\"], \"remediation\": \"r\", \"controls\": {{}}, \"events\": [\"process_exec\", \"file_open\", \"network_connect\"]}}\nfindings contains {{\"resource\": {{\"kind\": \"Pod\", \"name\": \"x\"}}, \"message\": \"m\"}} if {{ {body} }}\n");
        let only = ztguard::Engine::builder().without_builtin_rules().policy("x.rego", src).build().unwrap();
        let mut m = ztguard::runtime::Monitor::new(only);
        let t = Instant::now();
        for _ in 0..5 { m.observe_batch(all.clone()).unwrap(); }
        println!("{body}: {:.1} us/event", t.elapsed().as_secs_f64() * 1e6 / (5 * all.len()) as f64);
    }
    pieces(&all);
    for rule in engine.rules().iter().filter(|r| !r.metadata.events.is_empty()) {
        let only = ztguard::Engine::builder().without_builtin_rules()
            .policy(rule.file.clone(), std::fs::read_to_string(&rule.file).unwrap()).build().unwrap();
        let mut m = ztguard::runtime::Monitor::new(only);
        let t = Instant::now();
        for _ in 0..5 { m.observe_batch(all.clone()).unwrap(); }
        println!("{} {:.1} us/event", rule.metadata.id, t.elapsed().as_secs_f64() * 1e6 / (5 * all.len()) as f64);
    }
}

#[allow(dead_code)]
fn pieces(all: &[ztguard::facts::RuntimeEvent]) {
    let n = all.len() as f64;
    let t = Instant::now();
    let v = serde_json::json!({"runtime": {"events": all}});
    println!("to_value: {:.2} us/event", t.elapsed().as_secs_f64() * 1e6 / n);
    let t = Instant::now();
    let c = v.clone();
    println!("clone: {:.2} us/event", t.elapsed().as_secs_f64() * 1e6 / n);
    let t = Instant::now();
    let r = regorus::Value::from(c);
    println!("to regorus: {:.2} us/event", t.elapsed().as_secs_f64() * 1e6 / n);
    let s = serde_json::to_string(&v).unwrap();
    let t = Instant::now();
    let r2 = regorus::Value::from_json_str(&s).unwrap();
    println!("regorus from str: {:.2} us/event ({} bytes/event)", t.elapsed().as_secs_f64() * 1e6 / n, s.len() as f64 / n);
    let mut e = regorus::Engine::new();
    e.add_policy("a.rego".into(), "package a\nx if false\n".into()).unwrap();
    let t = Instant::now();
    e.set_input(r);
    let _ = e.eval_rule("data.a.x".into());
    println!("set+eval: {:.2} us/event", t.elapsed().as_secs_f64() * 1e6 / n);
    drop(r2);
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

