"""Runtime events from Python: one at a time, in batches and as a stream, in every format."""

from __future__ import annotations

import json

import pytest

import ztguard

from conftest import TESTDATA

EVENTS = TESTDATA / "events"


def shell(uid: int) -> dict[str, object]:
    return {
        "type": "process_exec",
        "time": "2026-12-01T10:00:00Z",
        "workload": {"kind": "Deployment", "namespace": "shop", "name": "web"},
        "pod": "web-6d8f7c9b5-x2k4p",
        "container": "app",
        "process": {"binary": "/bin/bash", "args": [], "uid": uid, "tty": True},
    }


def shell_findings(detections: list[ztguard.Detection]) -> list[tuple[str, str | None]]:
    return [(d.finding.severity, d.finding.response) for d in detections if d.finding.rule == "ZT-RUN-001"]


def test_a_root_shell_is_critical_and_asks_for_a_kill(engine: ztguard.Engine) -> None:
    monitor = ztguard.Monitor(engine)
    assert monitor.compiled
    detections = monitor.observe(shell(0))
    assert shell_findings(detections) == [("critical", "kill")]
    detection = detections[0]
    assert detection.event["process"]["uid"] == 0
    assert detection.finding.evidence is not None
    assert detection.finding.evidence.pointer.startswith("/runtime/events/0/")
    assert detection.waiver is None
    assert detection.to_dict()["rule"] == "ZT-RUN-001"


def test_the_root_shell_response_is_configurable() -> None:
    engine = ztguard.Engine(data={"ztguard": {"params": {"ZT-RUN-001": {"root_response": "alert"}}}})
    assert shell_findings(ztguard.Monitor(engine).observe(shell(0))) == [("critical", "alert")]


def test_a_shell_that_is_not_root_is_high(engine: ztguard.Engine) -> None:
    assert shell_findings(ztguard.Monitor(engine).observe(shell(1000))) == [("high", "alert")]


def test_events_come_as_dicts_or_lines_in_any_format(engine: ztguard.Engine) -> None:
    monitor = ztguard.Monitor(engine)
    assert shell_findings(monitor.observe(json.dumps(shell(0)))) == [("critical", "kill")]
    tetragon = next(line for line in (EVENTS / "tetragon.jsonl").read_text().splitlines() if "/bin/bash" in line)
    assert [d.finding.rule for d in monitor.observe(json.loads(tetragon))]
    assert monitor.seen == 2


def test_a_batch_gives_what_events_one_at_a_time_give(engine: ztguard.Engine) -> None:
    events = [shell(0), shell(1000), {**shell(0), "process": {"binary": "/usr/sbin/nginx", "uid": 0}}]
    one_by_one = ztguard.Monitor(engine)
    singles = [d.to_dict() for e in events for d in one_by_one.observe(e)]
    batched = [d.to_dict() for d in ztguard.Monitor(engine).observe_batch(events)]
    assert singles == batched and len(batched) >= 2


def test_a_bad_event_raises_with_what_is_wrong(engine: ztguard.Engine) -> None:
    monitor = ztguard.Monitor(engine)
    with pytest.raises(ztguard.InputError, match="unknown event format"):
        monitor.observe({"hello": "world"})
    with pytest.raises(ztguard.ParseError):
        monitor.observe("{not json")
    with pytest.raises(ztguard.SchemaError):
        monitor.observe({"type": "process_exec", "time": "2026-12-01T10:00:00Z"})
    assert monitor.seen == 0


def test_a_stream_goes_on_past_bad_lines_and_names_each(engine: ztguard.Engine) -> None:
    lines = [json.dumps(shell(0)), "this is not JSON", '{"kind": "Mystery"}', json.dumps(shell(1000)), ""]
    result = ztguard.Monitor(engine).observe_stream("\n".join(lines), file="events.jsonl")
    assert result.events == 2
    assert shell_findings(result.detections) == [("critical", "kill"), ("high", "alert")]
    assert [(e.line, e.error.code) for e in result.errors] == [(2, "parse"), (3, "input")]
    assert all(e.error.file == "events.jsonl" for e in result.errors)


def test_the_sample_streams_join_their_workloads(engine: ztguard.Engine) -> None:
    workloads = ztguard.facts_from_paths(EVENTS / "workloads.yaml")
    monitor = ztguard.Monitor(engine, workloads=workloads)
    tetragon = monitor.observe_stream((EVENTS / "tetragon.jsonl").read_text(), file="tetragon.jsonl")
    audit = monitor.observe_stream((EVENTS / "audit.jsonl").read_text(), file="audit.jsonl")
    assert tetragon.errors == [] and audit.errors == []
    assert ("critical", "kill") in shell_findings(tetragon.detections)
    assert {d.finding.rule for d in audit.detections} >= {"ZT-RUN-011", "ZT-RUN-012"}
    assert audit.ignored > 0
    declared = [d.event.get("declared") for d in tetragon.detections]
    assert any(declared)
