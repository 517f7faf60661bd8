"""ztguard: an embeddable zero-trust policy engine for containers.

Read what you have (Kubernetes manifests, admission reviews, image evidence, IAM policies,
runtime events) into :class:`Facts`, judge them with an :class:`Engine` (the built-in Rego
rules plus your own), and read the :class:`Report`::

    import ztguard

    engine = ztguard.Engine()
    facts = ztguard.facts_from_paths(["k8s/"])
    for finding in engine.evaluate(facts).findings:
        print(finding.severity, finding.rule, finding.resource, finding.message)
"""

from __future__ import annotations

from collections.abc import Iterable

from . import _native
from ._native import REPORT_API_VERSION, Facts, Inputs, Waivers
from ._native import __version__ as __version__
from .engine import Engine, FactsLike, LineError, Monitor, PathLike, StreamResult, _paths
from .errors import (
    DataError,
    Error,
    EvalError,
    InputError,
    InternalError,
    IoError,
    LimitError,
    MetadataError,
    ParseError,
    PolicyError,
    SchemaError,
    SchemaViolation,
)
from .report import (
    Detection,
    Evidence,
    Finding,
    Report,
    Resource,
    Rule,
    Skipped,
    Source,
    Summary,
    Waived,
    Waiver,
    WaiverResource,
)

__all__ = [
    "REPORT_API_VERSION",
    "DataError",
    "Detection",
    "Engine",
    "Error",
    "EvalError",
    "Evidence",
    "Facts",
    "FactsLike",
    "Finding",
    "InputError",
    "Inputs",
    "InternalError",
    "IoError",
    "LimitError",
    "LineError",
    "MetadataError",
    "Monitor",
    "ParseError",
    "PathLike",
    "PolicyError",
    "Report",
    "Resource",
    "Rule",
    "SchemaError",
    "SchemaViolation",
    "Skipped",
    "Source",
    "StreamResult",
    "Summary",
    "Waived",
    "Waiver",
    "WaiverResource",
    "Waivers",
    "facts_from_paths",
    "facts_from_text",
]


def facts_from_text(file: str, text: str) -> Facts:
    """Facts from the text of one file (YAML or JSON, any number of documents), recognized
    by content as ``ztguard check`` does; ``file`` names it in errors and findings.

    :raises ParseError: the text is not YAML or JSON; the error has ``line`` and ``column``.
    :raises InputError: a document is malformed or in no format ztguard reads.
    :raises SchemaError: a facts document breaks the facts schema.
    """
    return _native.facts_from_text(file, text)


def facts_from_paths(paths: PathLike | Iterable[PathLike]) -> Facts:
    """Facts from files and directories (every ``.yaml``, ``.yml``, ``.json`` and ``.jsonl``
    file below them, in path order), as ``ztguard check PATH...`` reads them.

    :raises IoError: a path cannot be read.
    :raises ParseError, InputError, SchemaError: as :func:`facts_from_text`.
    """
    return _native.facts_from_paths(_paths(paths))
