"""Evaluating facts from Python: every form facts come in, the report object, the catalogue,
parameters, waivers and user policies."""

from __future__ import annotations

import json

import pytest

import ztguard

from conftest import QUICKSTART, TESTDATA

PRIVILEGED_POD = """
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:latest
    securityContext: {privileged: true}
"""

FACTS = {
    "apiVersion": "ztguard.dev/v1",
    "kind": "Facts",
    "workloads": [
        {
            "kind": "Pod",
            "namespace": "shop",
            "name": "web",
            "host_pid": True,
            "containers": [{"name": "app", "image": "nginx:1.27"}],
        }
    ],
}


def rules_found(report: ztguard.Report) -> set[str]:
    return {f.rule for f in report.findings}


def test_the_readme_example_has_findings_in_every_pillar(engine: ztguard.Engine) -> None:
    report = engine.evaluate(ztguard.facts_from_paths(QUICKSTART))
    assert not report.allowed
    assert report.summary.total == len(report.findings) == 36
    assert {f.pillar for f in report.findings} == {"image", "privilege", "segmentation", "runtime"}
    shell = next(f for f in report.findings if f.rule == "ZT-RUN-001")
    assert (shell.severity, shell.response) == ("critical", "kill")
    assert str(shell.resource) == "Deployment shop/storefront [web]"
    assert shell.source is not None and shell.source.file.endswith("runtime.json")
    assert [s.kind for s in report.skipped] == ["ConfigMap"]


def test_facts_come_as_facts_a_dict_or_json_text_alike(engine: ztguard.Engine) -> None:
    from_facts = engine.evaluate(ztguard.Facts.from_dict(FACTS))
    from_dict = engine.evaluate(FACTS)
    from_text = engine.evaluate(json.dumps(FACTS))
    assert from_facts.to_dict() == from_dict.to_dict() == from_text.to_dict()
    assert "ZT-PRV-003" in rules_found(from_dict)


def test_manifest_text_reads_as_the_command_reads_it(engine: ztguard.Engine) -> None:
    report = engine.evaluate(ztguard.facts_from_text("pod.yaml", PRIVILEGED_POD))
    privileged = next(f for f in report.findings if f.rule == "ZT-PRV-001")
    assert privileged.resource == ztguard.Resource(
        kind="Pod", name="web", namespace="shop", container="app", image="docker.io/library/nginx:latest"
    )
    assert privileged.source == ztguard.Source("pod.yaml", 7)  # the container's line
    assert privileged.evidence is not None and privileged.evidence.value is True
    assert privileged.controls["pod-security-standards"] == ["baseline:privileged"]


def test_inputs_gather_several_files_into_one_facts_document(engine: ztguard.Engine) -> None:
    inputs = ztguard.Inputs()
    inputs.add_text("pod.yaml", PRIVILEGED_POD)
    inputs.add_paths([str(QUICKSTART / "runtime.json")])
    facts = inputs.finish()
    document = facts.to_dict()
    assert [w["name"] for w in document["workloads"]] == ["web"]
    assert len(document["runtime"]["events"]) == 2
    assert json.loads(facts.to_json()) == document
    assert inputs.finish().to_dict()["workloads"] == []


def test_the_report_converts_to_the_documented_json(engine: ztguard.Engine) -> None:
    report = engine.evaluate(ztguard.facts_from_text("pod.yaml", PRIVILEGED_POD))
    data = report.to_dict()
    assert data["apiVersion"] == ztguard.REPORT_API_VERSION == report.api_version
    assert json.loads(report.to_json()) == data
    assert ztguard.Report.from_dict(json.loads(report.to_json(indent=None))) == report
    assert report.findings[0].to_dict() == data["findings"][0]
    # The dict is a copy: changing it changes nothing in the report.
    data["findings"].clear()
    assert report.to_dict()["findings"]


def test_the_catalogue_lists_every_rule_with_its_metadata(engine: ztguard.Engine) -> None:
    rules = {r.id: r for r in engine.rules}
    assert len(rules) == 64
    shell = rules["ZT-RUN-001"]
    assert (shell.pillar, shell.severity, shell.response) == ("runtime", "high", "alert")
    assert "root_response" in shell.params and shell.events == ["process_exec"]
    assert shell.file == "policies/rules/runtime/shell_in_container.rego"
    assert shell.package == "data.ztguard.rules.runtime.shell_in_container"


def test_parameters_change_what_rules_find() -> None:
    facts = ztguard.facts_from_text("pod.yaml", PRIVILEGED_POD)
    default = ztguard.Engine().evaluate(facts)
    assert "ZT-IMG-001" in rules_found(default)
    exempt = ztguard.Engine(data={"ztguard": {"params": {"ZT-IMG-001": {"action": "warn"}}}})
    mutable = next(f for f in exempt.evaluate(facts).findings if f.rule == "ZT-IMG-001")
    assert mutable.action == "warn"


def test_user_policies_join_the_builtins_or_stand_alone() -> None:
    facts = ztguard.facts_from_text("pod.yaml", PRIVILEGED_POD)
    with_builtins = ztguard.Engine(policy_dirs=TESTDATA / "policies" / "acme")
    ids = {r.id for r in with_builtins.rules}
    assert "ACME-LBL-001" in ids and "ZT-PRV-001" in ids
    alone = ztguard.Engine(
        policy_dirs=[TESTDATA / "policies" / "acme"],
        builtin_rules=False,
        data={"ztguard": {"params": {"ACME-LBL-001": {"label": "team"}}}},
    )
    assert [r.id for r in alone.rules] == ["ACME-LBL-001"]
    assert rules_found(alone.evaluate(facts)) == {"ACME-LBL-001"}


def test_waivers_move_findings_aside_until_they_expire() -> None:
    waivers = ztguard.Waivers.from_text(
        "waivers.yaml",
        """
apiVersion: ztguard.dev/v1
kind: Waivers
waivers:
- rule: ZT-PRV-001
  resource: {namespace: shop, name: web}
  owner: platform-team
  reason: the debugger needs it until the migration
  expires: 2099-01-01
""",
    )
    assert len(waivers) == 1 and waivers.to_list()[0]["owner"] == "platform-team"
    facts = ztguard.facts_from_text("pod.yaml", PRIVILEGED_POD).with_time("2026-12-01T12:00:00Z")
    report = ztguard.Engine(waivers=waivers).evaluate(facts)
    assert "ZT-PRV-001" not in rules_found(report)
    assert [(w.finding.rule, w.waiver.owner) for w in report.waived] == [("ZT-PRV-001", "platform-team")]
    later = ztguard.Engine(waivers=waivers).evaluate(facts.with_time("2099-01-02T00:00:00Z"))
    assert "ZT-PRV-001" in rules_found(later)
    assert [w.rule for w in later.expired_waivers] == ["ZT-PRV-001"]


def test_an_engine_is_reused_for_many_evaluations(engine: ztguard.Engine) -> None:
    facts = ztguard.facts_from_paths([QUICKSTART])
    first = engine.evaluate(facts).to_dict()
    assert all(engine.evaluate(facts).to_dict() == first for _ in range(5))


def test_the_time_limit_is_configurable() -> None:
    assert ztguard.Engine().time_limit_ms == 5000
    assert ztguard.Engine(time_limit_ms=250).time_limit_ms == 250


def test_render_takes_a_report_or_its_dict(engine: ztguard.Engine) -> None:
    report = engine.evaluate(ztguard.facts_from_text("pod.yaml", PRIVILEGED_POD))
    sarif = json.loads(engine.render(report, "sarif"))
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == report.summary.total
    assert engine.render(report.to_dict(), "junit").startswith("<?xml")
    table = engine.render(report)
    assert "ZT-PRV-001" in table and "\x1b[" not in table
    assert "\x1b[1;31mcritical" in engine.render(report, "table", color=True)


def test_render_refuses_unknown_formats_and_non_reports(engine: ztguard.Engine) -> None:
    report = engine.evaluate(FACTS)
    with pytest.raises(ztguard.InputError, match="unknown format `xml`, expected table, json, sarif, junit or github"):
        engine.render(report, "xml")
    with pytest.raises(ztguard.InputError, match="not a ztguard report: missing field `apiVersion`"):
        engine.render({"findings": []}, "json")


def test_stages_keep_their_rules() -> None:
    runtime = ztguard.Engine(stages=["runtime"])
    assert runtime.rules and all("runtime" in r.stages for r in runtime.rules)
    assert len(runtime.rules) < len(ztguard.Engine().rules)
    with pytest.raises(ztguard.InputError, match="unknown variant `deploy`"):
        ztguard.Engine(stages="deploy")


def test_admission_reviews_are_answered(engine: ztguard.Engine) -> None:
    review = json.loads((TESTDATA / "admission" / "privileged-pod.json").read_text())
    answer = engine.admit(review)
    assert answer["kind"] == "AdmissionReview"
    assert answer["response"]["uid"] == review["request"]["uid"]
    assert answer["response"]["allowed"] is False
    assert answer["response"]["status"]["code"] == 403
    assert engine.admit(json.dumps(review)) == answer
    with pytest.raises(ztguard.InputError, match="no `request.uid`"):
        engine.admit({"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {}})


def test_a_request_with_a_broken_object_is_answered_with_400(engine: ztguard.Engine) -> None:
    answer = engine.admit((TESTDATA / "admission" / "malformed-object.json").read_text())
    assert answer["response"]["uid"] == "0d5b2c8e-71f4-4a36-b9e2-5c1a7f3d9e04"
    assert answer["response"]["allowed"] is False
    assert answer["response"]["status"]["code"] == 400
    assert "`/request/object/spec/containers`" in answer["response"]["status"]["message"]


def test_compliance_refuses_unknown_frameworks_and_formats(engine: ztguard.Engine) -> None:
    report = engine.evaluate(FACTS)
    assert "controls" in json.loads(engine.compliance(report, "soc2", "json"))
    with pytest.raises(ztguard.InputError, match="no framework `iso-27001`"):
        engine.compliance(report, "iso-27001")
    with pytest.raises(ztguard.InputError, match="unknown compliance format `pdf`"):
        engine.compliance(report, "soc2", "pdf")
