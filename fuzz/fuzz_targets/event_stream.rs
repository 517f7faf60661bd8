//! A bad line never costs a good one: fuzz bytes as lines between two known events, the
//! stream still yields both events, and no line yields more than one item.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use ztguard::runtime::{EventStream, StreamItem};

const GOOD: &str = r#"{"type": "process_exec", "time": "2026-12-01T10:00:00Z", "workload": {"kind": "Deployment", "namespace": "shop", "name": "web"}, "container": "app", "process": {"binary": "/usr/bin/marker-7f3a", "uid": 1000}}"#;

fuzz_target!(|data: &[u8]| {
    let mut stream = Vec::new();
    stream.extend_from_slice(GOOD.as_bytes());
    stream.push(b'\n');
    stream.extend_from_slice(data);
    stream.push(b'\n');
    stream.extend_from_slice(GOOD.as_bytes());
    stream.push(b'\n');
    let lines = stream.iter().filter(|b| **b == b'\n').count();
    let mut seen = std::collections::BTreeSet::new();
    let mut markers = Vec::new();
    for item in EventStream::new("fuzz.jsonl", Cursor::new(stream)) {
        let line = match &item {
            StreamItem::Event { line, event } => {
                let binary = event.process.as_ref().map(|p| p.binary.as_str());
                if binary == Some("/usr/bin/marker-7f3a") {
                    markers.push(*line);
                }
                *line
            }
            StreamItem::Ignored { line, .. } | StreamItem::Error { line, .. } => *line,
        };
        assert!(seen.insert(line), "line {line} yielded two items");
        assert!(line <= lines, "line {line} of {lines}");
    }
    assert_eq!(markers.first(), Some(&1), "the first good line was lost");
    assert_eq!(markers.last(), Some(&lines), "the last good line was lost");
});
