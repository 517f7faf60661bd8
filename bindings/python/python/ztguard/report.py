"""Reports, findings and rules as typed, read-only objects.

Each class mirrors an object of the report contract (``crates/ztguard/schema/report-v1.schema.json``)
field for field; ``to_dict()`` gives back the contract's plain data and ``to_json()`` its JSON.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Report",
    "Summary",
    "Finding",
    "Resource",
    "Evidence",
    "Source",
    "Waived",
    "Waiver",
    "WaiverResource",
    "Skipped",
    "Rule",
    "Detection",
]


def _source(value: dict[str, Any] | None) -> Source | None:
    return None if value is None else Source(file=value["file"], line=value.get("line"))


@dataclass(frozen=True, slots=True)
class Source:
    """Where an object was read: a file and, when known, the 1-based line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Resource:
    """The resource a finding is about."""

    kind: str
    name: str
    namespace: str | None = None
    container: str | None = None
    image: str | None = None
    """The image, fully qualified, when the finding is about what a container runs."""

    def __str__(self) -> str:
        name = self.name if self.namespace is None else f"{self.namespace}/{self.name}"
        label = f"{self.kind} {name}"
        return label if self.container is None else f"{label} [{self.container}]"


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the rule saw: a JSON pointer into the facts and the value there."""

    pointer: str
    value: Any


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of one rule about one resource."""

    rule: str
    title: str
    pillar: str
    severity: str
    action: str
    response: str | None
    """``alert``, ``kill`` or ``isolate`` for findings about running workloads."""
    stages: list[str]
    resource: Resource
    message: str
    remediation: str
    controls: dict[str, list[str]]
    evidence: Evidence | None
    source: Source | None
    _data: dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        evidence = data.get("evidence")
        return cls(
            rule=data["rule"],
            title=data["title"],
            pillar=data["pillar"],
            severity=data["severity"],
            action=data["action"],
            response=data.get("response"),
            stages=list(data["stages"]),
            resource=Resource(**data["resource"]),
            message=data["message"],
            remediation=data["remediation"],
            controls={k: list(v) for k, v in data["controls"].items()},
            evidence=None if evidence is None else Evidence(evidence["pointer"], evidence["value"]),
            source=_source(data.get("source")),
            _data=data,
        )

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain data."""
        return copy.deepcopy(self._data)


@dataclass(frozen=True, slots=True)
class WaiverResource:
    """Which resources a waiver covers; a field left out matches any value."""

    kind: str | None = None
    namespace: str | None = None
    name: str | None = None
    container: str | None = None


@dataclass(frozen=True, slots=True)
class Waiver:
    """An accepted finding: which rule, which resource or image, who answers for it, why,
    and until when."""

    rule: str
    owner: str
    reason: str
    expires: str
    resource: WaiverResource | None = None
    image: str | None = None
    id: str | None = None
    source: Source | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Waiver:
        resource = data.get("resource")
        return cls(
            rule=data["rule"],
            owner=data["owner"],
            reason=data["reason"],
            expires=data["expires"],
            resource=None if resource is None else WaiverResource(**resource),
            image=data.get("image"),
            id=data.get("id"),
            source=_source(data.get("source")),
        )


@dataclass(frozen=True, slots=True)
class Waived:
    """A finding and the waiver that covers it."""

    finding: Finding
    waiver: Waiver


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input object that was read but not understood, and why."""

    api_version: str
    kind: str
    reason: str
    name: str | None = None
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of the findings (waived ones aside)."""

    total: int
    by_severity: dict[str, int]
    by_pillar: dict[str, int]
    by_action: dict[str, int]
    waived: int
    expired_waivers: int


@dataclass(frozen=True, slots=True)
class Report:
    """The result of one evaluation."""

    api_version: str
    allowed: bool
    """No finding has the action ``deny``."""
    summary: Summary
    findings: list[Finding]
    """Most severe first, then by rule id, resource and message."""
    waived: list[Waived]
    expired_waivers: list[Waiver]
    skipped: list[Skipped]
    _data: dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """A report from its plain data, as ``to_dict()`` or ``ztguard check --format json``
        give it."""
        summary = data["summary"]
        return cls(
            api_version=data["apiVersion"],
            allowed=data["allowed"],
            summary=Summary(
                total=summary["total"],
                by_severity=dict(summary["by_severity"]),
                by_pillar=dict(summary["by_pillar"]),
                by_action=dict(summary["by_action"]),
                waived=summary["waived"],
                expired_waivers=summary["expired_waivers"],
            ),
            findings=[Finding.from_dict(f) for f in data["findings"]],
            waived=[
                Waived(Finding.from_dict(w["finding"]), Waiver.from_dict(w["waiver"]))
                for w in data["waived"]
            ],
            expired_waivers=[Waiver.from_dict(w) for w in data["expired_waivers"]],
            skipped=[
                Skipped(
                    api_version=s.get("api_version", ""),
                    kind=s.get("kind", ""),
                    reason=s["reason"],
                    name=s.get("name"),
                    source=_source(s.get("source")),
                )
                for s in data["skipped"]
            ],
            _data=data,
        )

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data: the documented report contract."""
        return copy.deepcopy(self._data)

    def to_json(self, indent: int | None = 2) -> str:
        """The report as JSON text."""
        return json.dumps(self._data, indent=indent, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of the catalogue: its metadata, and the Rego package and file that declare it."""

    id: str
    title: str
    pillar: str
    severity: str
    action: str
    stages: list[str]
    remediation: str
    controls: dict[str, list[str]]
    package: str
    file: str
    description: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    """The parameters the rule reads from ``ztguard.params.<id>``, with a sentence each."""
    events: list[str] = field(default_factory=list)
    """The runtime event types the rule reads."""
    response: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rule:
        metadata = data["metadata"]
        return cls(
            id=metadata["id"],
            title=metadata["title"],
            pillar=metadata["pillar"],
            severity=metadata["severity"],
            action=metadata["action"],
            stages=list(metadata["stages"]),
            remediation=metadata["remediation"],
            controls={k: list(v) for k, v in metadata["controls"].items()},
            package=data["package"],
            file=data["file"],
            description=metadata.get("description"),
            params=dict(metadata.get("params", {})),
            events=list(metadata.get("events", [])),
            response=metadata.get("response"),
        )


@dataclass(frozen=True, slots=True)
class Detection:
    """A finding about one runtime event, the event (with what its workload declares), and
    the waiver that covers it, if one does: a waived detection asks for no response."""

    finding: Finding
    event: dict[str, Any]
    waiver: Waiver | None
    _data: dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Detection:
        finding = {k: v for k, v in data.items() if k not in ("event", "waiver")}
        waiver = data.get("waiver")
        return cls(
            finding=Finding.from_dict(finding),
            event=data["event"],
            waiver=None if waiver is None else Waiver.from_dict(waiver),
            _data=data,
        )

    def to_dict(self) -> dict[str, Any]:
        """The detection as plain data: the finding's fields, ``event`` and ``waiver``, as
        ``ztguard watch --format json`` prints it."""
        return copy.deepcopy(self._data)
