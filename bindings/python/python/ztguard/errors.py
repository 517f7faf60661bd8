"""The exceptions ztguard raises.

Every exception is a :class:`ztguard.Error`, itself a :class:`ValueError`, and carries the
error's stable ``code`` (script against it, never against the message) and where the problem
is: ``file``, ``line``, ``column``, ``pointer`` (a JSON pointer into the facts or the input
document) and ``rule``, each ``None`` when unknown.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Error",
    "IoError",
    "InputError",
    "ParseError",
    "SchemaError",
    "PolicyError",
    "MetadataError",
    "DataError",
    "EvalError",
    "LimitError",
    "InternalError",
    "SchemaViolation",
]


class SchemaViolation:
    """One way a facts document breaks the facts schema."""

    __slots__ = ("pointer", "line", "message")

    def __init__(self, pointer: str, line: int | None, message: str) -> None:
        self.pointer = pointer
        self.line = line
        self.message = message

    def __repr__(self) -> str:
        return f"SchemaViolation(pointer={self.pointer!r}, line={self.line!r}, message={self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SchemaViolation):
            return NotImplemented
        return (self.pointer, self.line, self.message) == (other.pointer, other.line, other.message)

    def __hash__(self) -> int:
        return hash((self.pointer, self.line, self.message))


class Error(ValueError):
    """Any error of ztguard. ``str(error)`` is the message, which includes the location."""

    code: str
    """The stable error code, for example ``"schema"``."""
    message: str
    file: str | None
    line: int | None
    column: int | None
    pointer: str | None
    rule: str | None
    record: dict[str, Any]
    """The error as data (``code``, ``message``, ``location``, ``violations``), exactly as the
    command line prints it with ``--format json``."""

    def __init__(self, message: str, record: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        record = dict(record) if record else {"code": "internal", "message": message}
        location = record.get("location") or {}
        self.code = str(record.get("code", "internal"))
        self.message = message
        self.file = location.get("file")
        self.line = location.get("line")
        self.column = location.get("column")
        self.pointer = location.get("pointer")
        self.rule = location.get("rule")
        self.record = record


class IoError(Error):
    """A file or stream could not be read (code ``io``)."""


class InputError(Error):
    """Input ztguard cannot use: a malformed manifest, evidence or event, or a value that is
    not JSON data (code ``input``)."""


class ParseError(InputError):
    """YAML or JSON text could not be parsed (code ``parse``)."""


class SchemaError(InputError):
    """A facts document or event breaks the facts schema (code ``schema``); ``violations``
    lists every problem with its JSON pointer."""

    violations: list[SchemaViolation]

    def __init__(self, message: str, record: dict[str, Any] | None = None) -> None:
        super().__init__(message, record)
        self.violations = [
            SchemaViolation(v["pointer"], v.get("line"), v["message"])
            for v in self.record.get("violations", [])
        ]


class PolicyError(Error):
    """A Rego module failed to parse or compile (code ``policy``)."""


class MetadataError(PolicyError):
    """A rule's ``metadata`` is missing or malformed, or two rules share an id (code
    ``metadata``)."""


class DataError(Error):
    """Rule parameters (data) are malformed (code ``data``)."""


class EvalError(Error):
    """Evaluating a rule failed (code ``eval``); ``rule`` names it."""


class LimitError(Error):
    """A configured limit was exceeded, such as the time one evaluation may take (code
    ``limit``)."""


class InternalError(Error):
    """A defect in ztguard or a library it uses (code ``internal``): please report it."""
