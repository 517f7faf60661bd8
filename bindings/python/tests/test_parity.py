"""Every data-driven case of testdata/cases, evaluated through Python exactly as the Rust case
runner does (crates/ztguard/tests/cases.rs), must give the report the Rust API gave: the
golden file beside the case; and rendered in every format, the text the Rust API rendered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ztguard

from conftest import REPO, TESTDATA

CASES = sorted(p for p in (TESTDATA / "cases").iterdir() if p.is_dir())
INPUT_SUFFIXES = (".yaml", ".yml", ".json", ".jsonl")


def run_case(case_dir: Path) -> dict[str, Any]:
    case = json.loads((case_dir / "case.json").read_text())
    try:
        _, report = evaluate(case_dir, case)
    except ztguard.Error as error:
        return {"error": error.record}
    return report.to_dict()


def evaluate(case_dir: Path, case: dict[str, Any]) -> tuple[ztguard.Engine, ztguard.Report]:
    waivers = [ztguard.Waivers.from_text(f, (case_dir / f).read_text()) for f in case.get("waivers", [])]
    policies = {p: (case_dir / p).read_text() for p in case.get("policies", [])}
    engine = ztguard.Engine(
        builtin_rules=not case.get("no_builtin_rules", False),
        policies=policies,
        data_files=[str(case_dir / f) for f in case.get("data_files", [])],
        data=case.get("data"),
        waivers=waivers,
        time_limit_ms=case.get("time_limit_ms"),
    )
    inputs = case.get("inputs")
    if inputs is None:
        skip = {"case.json", *case.get("waivers", []), *case.get("data_files", [])}
        inputs = sorted(
            p.name for p in case_dir.iterdir() if p.is_file() and p.name.endswith(INPUT_SUFFIXES) and p.name not in skip
        )
    reader = ztguard.Inputs()
    for name in inputs:
        reader.add_text(name, (case_dir / name).read_text(), case.get("observed_at", "2026-12-01T11:00:00Z"))
    facts = reader.finish()
    if facts.time is None:
        facts = facts.with_time(case.get("time", "2026-12-01T12:00:00Z"))
    return engine, engine.evaluate(facts)


def test_every_case_has_a_golden_report() -> None:
    assert len(CASES) >= 40
    missing = [c.name for c in CASES if not (c / "golden" / "report.json").is_file()]
    assert missing == []


@pytest.mark.parametrize("case_dir", CASES, ids=[c.name for c in CASES])
def test_python_gives_the_report_the_rust_api_gave(case_dir: Path) -> None:
    text = json.dumps(run_case(case_dir)).replace(str(REPO), "<repo>")
    actual = json.loads(text)
    golden = json.loads((case_dir / "golden" / "report.json").read_text())
    assert actual == golden


FORMATS = {"table": "report.txt", "sarif": "report.sarif.json", "junit": "report.junit.xml", "github": "report.github.txt"}
REPORT_CASES = [c for c in CASES if (c / "golden" / "report.sarif.json").is_file()]


@pytest.mark.parametrize("case_dir", REPORT_CASES, ids=[c.name for c in REPORT_CASES])
def test_python_renders_every_format_as_the_rust_api_did(case_dir: Path) -> None:
    engine, report = evaluate(case_dir, json.loads((case_dir / "case.json").read_text()))
    for format, name in FORMATS.items():
        actual = engine.render(report, format).replace(str(REPO), "<repo>")
        assert actual == (case_dir / "golden" / name).read_text(), f"{format} differs"


def test_most_cases_yield_reports_to_render() -> None:
    assert len(REPORT_CASES) >= 25


COMPLIANCE_CASES = [c for c in CASES if (c / "golden" / "compliance.txt").is_file()]


@pytest.mark.parametrize("case_dir", COMPLIANCE_CASES, ids=[c.name for c in COMPLIANCE_CASES])
def test_python_sees_each_framework_as_the_rust_api_did(case_dir: Path) -> None:
    engine, report = evaluate(case_dir, json.loads((case_dir / "case.json").read_text()))
    frameworks = ["cis-kubernetes", "nist-800-190", "nist-800-53", "pci-dss-4.0", "soc2"]
    actual = "\n".join(engine.compliance(report, f) for f in frameworks).replace(str(REPO), "<repo>")
    assert actual == (case_dir / "golden" / "compliance.txt").read_text()
    for page in (case_dir / "golden").glob("compliance-*.html"):
        framework = page.stem.removeprefix("compliance-")
        assert engine.compliance(report, framework, "html").replace(str(REPO), "<repo>") == page.read_text()
