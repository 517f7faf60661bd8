"""The hostile-input corpus (testdata/hostile) through Python: every case must end exactly as
it does through the Rust API (crates/ztguard/tests/hostile.rs), as cases.json records."""

from __future__ import annotations

import json
from typing import Any

import pytest

import ztguard

from conftest import TESTDATA

HOSTILE = TESTDATA / "hostile"
CASES: list[dict[str, Any]] = json.loads((HOSTILE / "cases.json").read_text())["cases"]


def error_value(error: ztguard.Error) -> dict[str, Any]:
    return {"code": error.code, "message": str(error)}


def judge(engine: ztguard.Engine, file: str) -> dict[str, Any]:
    inputs = ztguard.Inputs()
    try:
        inputs.add_text(file, (HOSTILE / file).read_text(), "2026-12-01T11:00:00Z")
    except ztguard.Error as error:
        return {"error": error_value(error)}
    facts = inputs.finish()
    if facts.time is None:
        facts = facts.with_time("2026-12-01T12:00:00Z")
    try:
        return {"findings": engine.evaluate(facts).summary.total}
    except ztguard.Error as error:
        return {"error": error_value(error)}


def outcome(case: dict[str, Any]) -> dict[str, Any]:
    file = case["file"]
    if case["kind"] == "input":
        return judge(ztguard.Engine(), file)
    if case["kind"] == "policy":
        try:
            engine = ztguard.Engine(
                builtin_rules=False,
                policies={file: (HOSTILE / file).read_text()},
                time_limit_ms=case.get("time_limit_ms"),
            )
        except ztguard.Error as error:
            return {"error": error_value(error)}
        return judge(engine, case["input"])
    if case["kind"] == "events":
        result = ztguard.Monitor(ztguard.Engine()).observe_stream((HOSTILE / file).read_text(), file)
        errors = [{**error_value(e.error), "line": e.line} for e in result.errors]
        rules = sorted({d.finding.rule for d in result.detections})
        return {"errors": errors, "rules": rules}
    if case["kind"] == "admission":
        try:
            answer = ztguard.Engine().admit((HOSTILE / file).read_text(), file)
        except ztguard.Error as error:
            return {"error": error_value(error)}
        return {"allowed": answer["response"]["allowed"], "code": answer["response"].get("status", {}).get("code")}
    raise AssertionError(f"unknown kind {case['kind']}")


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_python_ends_each_hostile_input_as_rust_does(case: dict[str, Any]) -> None:
    assert outcome(case) == case["expect"]
