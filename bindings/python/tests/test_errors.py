"""Every error reaches Python as an exception of its class, with its stable code and where
the problem is; nothing from the Rust side escapes any other way."""

from __future__ import annotations

from pathlib import Path

import pytest

import ztguard

from conftest import TESTDATA

CASES = TESTDATA / "cases"
SLOW_POLICY = (CASES / "error-time-limit" / "slow.rego").read_text()
POD = (CASES / "error-time-limit" / "pod.yaml").read_text()


def test_every_error_is_a_value_error_with_a_code() -> None:
    classes = {
        ztguard.IoError: "io",
        ztguard.ParseError: "parse",
        ztguard.SchemaError: "schema",
        ztguard.InputError: "input",
        ztguard.PolicyError: "policy",
        ztguard.MetadataError: "metadata",
        ztguard.DataError: "data",
        ztguard.EvalError: "eval",
        ztguard.LimitError: "limit",
        ztguard.InternalError: "internal",
    }
    for cls, code in classes.items():
        assert issubclass(cls, ztguard.Error) and issubclass(cls, ValueError)
        error = cls("message", {"code": code, "message": "message"})
        assert (error.code, str(error)) == (code, "message")
    assert issubclass(ztguard.ParseError, ztguard.InputError)
    assert issubclass(ztguard.SchemaError, ztguard.InputError)
    assert issubclass(ztguard.MetadataError, ztguard.PolicyError)


def test_a_missing_file_is_an_io_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ztguard.IoError) as caught:
        ztguard.facts_from_paths([missing])
    assert caught.value.code == "io"
    assert caught.value.file == str(missing)
    assert str(caught.value).startswith(f"cannot read `{missing}`: ")


def test_broken_yaml_is_a_parse_error_with_line_and_column() -> None:
    with pytest.raises(ztguard.ParseError) as caught:
        ztguard.facts_from_text("pod.yaml", "kind: Pod\nmetadata:\n  name: a\n  labels: {x: y\n")
    error = caught.value
    assert (error.code, error.file, error.line) == ("parse", "pod.yaml", 5)
    assert error.column is not None
    assert str(error).startswith("pod.yaml:5:")


def test_json_text_that_does_not_parse_is_a_parse_error(engine: ztguard.Engine) -> None:
    with pytest.raises(ztguard.ParseError) as caught:
        engine.evaluate('{"apiVersion": "ztguard.dev/v1",')
    assert caught.value.code == "parse"


def test_facts_that_break_the_schema_list_every_violation(engine: ztguard.Engine) -> None:
    facts = {
        "apiVersion": "ztguard.dev/v1",
        "kind": "Facts",
        "workloads": [{"kind": "Pod", "name": "a", "host_pid": "no", "replicas": "many"}],
    }
    with pytest.raises(ztguard.SchemaError) as caught:
        engine.evaluate(facts)
    error = caught.value
    assert error.code == "schema"
    assert [(v.pointer, v.line) for v in error.violations] == [("/workloads/0", None), ("/workloads/0/host_pid", None)]
    assert error.pointer == "/workloads/0"
    assert str(error) == (
        "the facts break the facts schema\n"
        "  at `/workloads/0`: Additional properties are not allowed ('replicas' was unexpected)\n"
        '  at `/workloads/0/host_pid`: "no" is not of type "boolean"'
    )


def test_the_schema_error_of_a_file_names_its_lines() -> None:
    path = TESTDATA / "facts" / "invalid" / "wrong-type.json"
    with pytest.raises(ztguard.SchemaError) as caught:
        ztguard.facts_from_paths(path)
    assert caught.value.file == str(path)
    assert all(v.line == 1 for v in caught.value.violations)


def test_a_value_that_is_not_json_data_is_refused_where_it_sits(engine: ztguard.Engine) -> None:
    facts = {"apiVersion": "ztguard.dev/v1", "kind": "Facts", "workloads": [{"labels": {"a": {1, 2}}}]}
    with pytest.raises(ztguard.InputError) as caught:
        engine.evaluate(facts)
    error = caught.value
    assert (error.code, error.pointer) == ("input", "/workloads/0/labels/a")
    assert "holds a value of type `set`" in str(error)
    with pytest.raises(ztguard.InputError, match="key of type `int`"):
        engine.evaluate({"apiVersion": "ztguard.dev/v1", 1: "x"})  # type: ignore[dict-item]
    with pytest.raises(ztguard.InputError, match="JSON cannot represent"):
        engine.evaluate({"apiVersion": "ztguard.dev/v1", "time": float("nan")})
    with pytest.raises(ztguard.InputError, match="out of the 64-bit range"):
        engine.evaluate({"apiVersion": "ztguard.dev/v1", "n": 2**70})


def test_data_nested_without_end_is_a_limit_error(engine: ztguard.Engine) -> None:
    looped: list[object] = []
    looped.append(looped)
    with pytest.raises(ztguard.LimitError, match="nests more than 256 levels deep"):
        engine.evaluate({"apiVersion": "ztguard.dev/v1", "kind": "Facts", "x": looped})


def test_a_manifest_of_the_wrong_shape_is_an_input_error() -> None:
    with pytest.raises(ztguard.InputError) as caught:
        ztguard.facts_from_text("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: 5\n")
    error = caught.value
    assert (error.code, error.file, error.line, error.pointer) == ("input", "pod.yaml", 5, "/spec/containers")
    assert str(error) == "pod.yaml:5 at `/spec/containers`: expected a list, found `5`"


def test_rego_that_does_not_parse_is_a_policy_error_with_its_position() -> None:
    source = (CASES / "error-rego-syntax" / "broken.rego").read_text()
    with pytest.raises(ztguard.PolicyError) as caught:
        ztguard.Engine(policies={"broken.rego": source})
    error = caught.value
    assert type(error) is ztguard.PolicyError
    assert (error.code, error.file, error.line, error.column) == ("policy", "broken.rego", 8, 1)


def test_malformed_metadata_is_a_metadata_error_naming_the_rule() -> None:
    source = (CASES / "error-malformed-metadata" / "badmeta.rego").read_text()
    with pytest.raises(ztguard.MetadataError) as caught:
        ztguard.Engine(policies={"badmeta.rego": source})
    error = caught.value
    assert (error.code, error.file, error.rule) == (
        "metadata",
        "badmeta.rego",
        "data.ztguard.rules.acme.bad_metadata",
    )
    assert "unknown variant `urgent`" in str(error)


def test_data_that_is_not_an_object_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(ztguard.DataError) as caught:
        ztguard.Engine(data=[["not", "an", "object"]])  # type: ignore[list-item]
    assert caught.value.code == "data"
    params = tmp_path / "params.yaml"
    params.write_text("- a list\n")
    with pytest.raises(ztguard.DataError) as caught:
        ztguard.Engine(data_files=params)
    assert caught.value.file == str(params)


def test_a_malformed_finding_is_an_eval_error_naming_the_rule() -> None:
    source = (CASES / "error-finding-without-message" / "nomsg.rego").read_text()
    engine = ztguard.Engine(policies={"nomsg.rego": source}, builtin_rules=False)
    with pytest.raises(ztguard.EvalError) as caught:
        engine.evaluate(ztguard.facts_from_text("pod.yaml", POD))
    error = caught.value
    assert (error.code, error.rule, error.file) == (
        "eval",
        "data.ztguard.rules.acme.no_message.findings",
        "nomsg.rego",
    )


def test_an_evaluation_past_the_time_limit_is_a_limit_error() -> None:
    engine = ztguard.Engine(policies={"slow.rego": SLOW_POLICY}, builtin_rules=False, time_limit_ms=200)
    with pytest.raises(ztguard.LimitError) as caught:
        engine.evaluate(ztguard.facts_from_text("pod.yaml", POD))
    error = caught.value
    assert error.code == "limit"
    assert error.rule == "data.ztguard.rules.acme.slow.findings"
    assert str(error) == "evaluation exceeded the time limit of 200 ms in rule `data.ztguard.rules.acme.slow.findings`"


def test_a_malformed_waiver_is_an_input_error_naming_the_file() -> None:
    with pytest.raises(ztguard.Error) as caught:
        ztguard.Waivers.from_text("waivers.yaml", "apiVersion: ztguard.dev/v1\nkind: Waivers\nwaivers:\n- rule: ZT-PRV-001\n")
    assert caught.value.file == "waivers.yaml"
    assert "owner" in str(caught.value)


def test_the_record_is_what_the_command_prints(engine: ztguard.Engine) -> None:
    with pytest.raises(ztguard.ParseError) as caught:
        ztguard.facts_from_text("pod.yaml", "a: [")
    record = caught.value.record
    assert record["code"] == "parse"
    assert record["message"] == str(caught.value)
    assert record["location"]["file"] == "pod.yaml"


def test_an_unknown_format_names_the_file() -> None:
    with pytest.raises(ztguard.InputError, match="unknown format"):
        ztguard.facts_from_text("values.yaml", "replicas: 3\n")
