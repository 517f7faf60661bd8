"""The engine and the runtime monitor."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

from . import _native
from ._native import Facts, Waivers
from .errors import Error
from .report import Detection, Report, Rule

__all__ = ["Engine", "Monitor", "StreamResult", "LineError", "FactsLike", "PathLike"]

PathLike = Union[str, "os.PathLike[str]"]
"""A file or directory path."""

FactsLike = Union[Facts, Mapping[str, Any], str]
"""Facts to evaluate: a :class:`Facts`, a facts document as a dict, or its JSON text."""


def _paths(paths: PathLike | Iterable[PathLike]) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


class Engine:
    """Rego policies compiled once and evaluated over facts as often as needed.

    With no arguments, the engine holds the built-in bundle with its default parameters. An
    engine is immutable and safe to share between threads; evaluation releases the GIL.

    :param policy_dirs: directories whose ``.rego`` files join the built-in rules.
    :param policies: Rego modules given as text, by file name (the name appears in errors).
    :param data: parameters (under ``ztguard.params.<rule id>``) merged over the defaults:
        one dict or several, merged in order after ``data_files``.
    :param data_files: JSON or YAML files of parameters, merged in order.
    :param waivers: :class:`Waivers`, or paths of waivers files.
    :param builtin_rules: ``False`` loads only the given policies (the built-in helper
        library and parameter defaults stay available to them).
    :param time_limit_ms: the time one evaluation may take (default 5,000).
    :param stages: lifecycle stages (``build``, ``registry``, ``admission``, ``runtime``)
        whose rules to keep; by default every rule.
    :raises InputError: a stage is not one of those.
    :raises PolicyError: a Rego module does not parse or compile.
    :raises MetadataError: a rule's metadata is missing or malformed.
    :raises DataError: parameters are malformed.
    :raises IoError: a file cannot be read.
    """

    __slots__ = ("_native",)

    def __init__(
        self,
        *,
        policy_dirs: PathLike | Iterable[PathLike] = (),
        policies: Mapping[str, str] | None = None,
        data: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
        data_files: PathLike | Iterable[PathLike] = (),
        waivers: Waivers | PathLike | Iterable[Waivers | PathLike] = (),
        builtin_rules: bool = True,
        time_limit_ms: int | None = None,
        stages: Iterable[str] = (),
    ) -> None:
        if data is None:
            data_list: list[Any] = []
        elif isinstance(data, Mapping):
            data_list = [data]
        else:
            data_list = list(data)
        if isinstance(waivers, (Waivers, str, os.PathLike)):
            waivers = [waivers]
        waiver_sets = [w if isinstance(w, Waivers) else Waivers.from_file(os.fspath(w)) for w in waivers]
        self._native = _native.Engine(
            builtin_rules=builtin_rules,
            policy_dirs=_paths(policy_dirs),
            policies=list((policies or {}).items()),
            data=[dict(d) if isinstance(d, Mapping) else d for d in data_list],
            data_files=_paths(data_files),
            waivers=waiver_sets,
            time_limit_ms=time_limit_ms,
            stages=[stages] if isinstance(stages, str) else list(stages),
        )

    def evaluate(self, facts: FactsLike) -> Report:
        """Evaluates every rule over ``facts`` and returns the report.

        A dict or JSON text is checked against the facts schema first.

        :raises SchemaError: the facts break the schema; ``violations`` lists each problem.
        :raises ParseError: JSON text does not parse.
        :raises InputError: a dict holds a value that is not JSON data.
        :raises LimitError: the evaluation ran past the time limit.
        :raises EvalError: a rule failed; ``rule`` names it.
        """
        return Report.from_dict(self._native.evaluate(facts))

    def render(self, report: Report | Mapping[str, Any], format: str = "table", *, color: bool = False) -> str:
        """Renders a report as ``ztguard check --format`` does: ``table``, ``json``, ``sarif``
        (2.1.0), ``junit`` (XML) or ``github`` (Actions annotations), with this engine's
        rule catalogue. Every format shows the same findings.

        :param color: colour severities in the table with ANSI escapes.
        :raises InputError: an unknown format, or a dict that is not a report.
        """
        data = report.to_dict() if isinstance(report, Report) else report
        return str(self._native.render(data, format, color))

    def compliance(self, report: Report | Mapping[str, Any], framework: str, format: str = "table") -> str:
        """The report seen through a compliance framework's controls, as ``ztguard report``
        shows it: each control pass, fail (with its findings) or not covered, as ``table``,
        ``json`` or a self-contained ``html`` page.

        :param framework: ``cis-kubernetes``, ``nist-800-190``, ``nist-800-53``,
            ``pci-dss-4.0`` or ``soc2``.
        :raises InputError: an unknown framework or format, or a dict that is not a report.
        """
        data = report.to_dict() if isinstance(report, Report) else report
        return str(self._native.compliance(data, framework, format))

    def admit(self, review: Mapping[str, Any] | str, file: str = "<request>") -> dict[str, Any]:
        """Judges a Kubernetes ``AdmissionReview`` request and returns the ``AdmissionReview``
        response for the API server: allowed unless a finding denies, the denying findings in
        ``status.message`` (code 403), every other finding in ``warnings``. When evaluating
        fails, the answer is a denial carrying the error (code 500), so a webhook never lets
        through what it could not judge.

        :param file: names the request in errors.
        :raises InputError: the request is not one ``AdmissionReview`` with a ``request.uid``.
        :raises ParseError: JSON text does not parse.
        """
        return dict(self._native.admit(review, file))

    @property
    def rules(self) -> list[Rule]:
        """The rule catalogue, ordered by id."""
        return [Rule.from_dict(r) for r in self._native.rules()]

    @property
    def time_limit_ms(self) -> int:
        """The time one evaluation may take, in milliseconds."""
        return int(self._native.time_limit_ms)

    def __repr__(self) -> str:
        return f"<ztguard.Engine: {len(self._native.rules())} rules>"


@dataclass(frozen=True, slots=True)
class LineError:
    """A line of a stream that could not be read; the stream went on after it."""

    line: int
    error: Error


@dataclass(frozen=True, slots=True)
class StreamResult:
    """What a stream of events held."""

    detections: list[Detection]
    """In stream order."""
    errors: list[LineError]
    """One per line that could not be read."""
    events: int
    """Events evaluated."""
    ignored: int
    """Well-formed records that are not activity ztguard evaluates (a process exit, an audit
    event of another request, the second record of one request)."""


class Monitor:
    """Evaluates runtime events as they come, with the engine's rules that read events.

    Each rule only sees the event types it declares. ``workloads`` (facts read from manifests)
    ties events to the workloads that declare them, so rules can compare what runs with what
    was declared. A monitor may be shared between threads; calls take turns.
    """

    __slots__ = ("_native",)

    def __init__(self, engine: Engine, workloads: Facts | None = None) -> None:
        self._native = _native.Monitor(engine._native, workloads)

    def observe(self, event: Mapping[str, Any] | str) -> list[Detection]:
        """Evaluates one event, a dict or one line of JSON, in any event format (Tetragon,
        Kubernetes audit, or ztguard's own); returns its detections.

        :raises InputError: the event is in no known format, or malformed.
        :raises ParseError: a line of JSON does not parse.
        """
        return [Detection.from_dict(d) for d in self._native.observe(event)]

    def observe_batch(self, events: Iterable[Mapping[str, Any] | str]) -> list[Detection]:
        """Evaluates several events at once, which costs less per event; detections come in
        event order. Raises as :meth:`observe` for the first bad event, evaluating none."""
        return [Detection.from_dict(d) for d in self._native.observe_batch(list(events))]

    def observe_stream(self, text: str, file: str = "<events>", batch: int = 256) -> StreamResult:
        """Reads a JSON-lines stream (formats mixed freely) and evaluates it. A line that
        cannot be read is reported in ``errors`` with its number, and the stream goes on; the
        second audit record of one API request is ignored."""
        result = self._native.observe_stream(text, file, batch)
        return StreamResult(
            detections=[Detection.from_dict(d) for d in result["detections"]],
            errors=[LineError(line, error) for line, error in result["errors"]],
            events=result["events"],
            ignored=result["ignored"],
        )

    @property
    def seen(self) -> int:
        """How many events this monitor has evaluated."""
        return int(self._native.seen)

    @property
    def compiled(self) -> bool:
        """Whether the rules run on regorus' virtual machine rather than its interpreter."""
        return bool(self._native.compiled)
