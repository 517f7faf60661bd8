"""Types of the native module; the public API is re-exported by ``ztguard``."""

from collections.abc import Iterable
from typing import Any, final

__all__ = [
    "DEBUG_BUILD",
    "Engine",
    "Facts",
    "Inputs",
    "Monitor",
    "REPORT_API_VERSION",
    "Waivers",
    "__version__",
    "facts_from_paths",
    "facts_from_text",
]

__version__: str
DEBUG_BUILD: bool
"""Whether the module was built without optimizations (benchmarks refuse to quote it)."""
REPORT_API_VERSION: str

@final
class Facts:
    """Facts read from manifests, evidence, events or a facts document: what an engine judges."""

    @staticmethod
    def from_dict(value: Any) -> Facts:
        """Facts from a facts document given as a dict, checked against the facts schema."""
    @staticmethod
    def from_json(text: str) -> Facts:
        """Facts from a facts document given as JSON text, checked against the facts schema."""
    @property
    def time(self) -> str | None:
        """The time the facts describe (RFC 3339), if they say."""
    def with_time(self, time: str) -> Facts:
        """A copy of these facts describing ``time`` (RFC 3339)."""
    def to_dict(self) -> dict[str, Any]:
        """The facts document as a dict."""
    def to_json(self) -> str:
        """The facts document as JSON text."""

@final
class Inputs:
    """Reads inputs one at a time, as ``ztguard check`` does, and ties evidence to the images
    workloads run whichever order they came in."""

    def __new__(cls) -> Inputs: ...
    def add_text(self, file: str, text: str, observed_at: str | None = None) -> None:
        """Reads the text of one file; ``file`` names it in errors and findings, and
        ``observed_at`` (RFC 3339, default now) dates evidence that carries no time."""
    def add_paths(self, paths: list[str]) -> None:
        """Reads files and directories; evidence that carries no time takes its file's
        modification time."""
    def finish(self) -> Facts:
        """The facts read so far; the reader starts over empty."""

@final
class Waivers:
    """Waivers: findings they cover are reported as waived until they expire."""

    @staticmethod
    def from_text(file: str, text: str) -> Waivers:
        """Waivers from the text of a waivers file; ``file`` names it in errors."""
    @staticmethod
    def from_file(path: str) -> Waivers:
        """Waivers from a waivers file."""
    def to_list(self) -> list[dict[str, Any]]:
        """Each waiver as a dict."""
    def __len__(self) -> int: ...

@final
class Engine:
    def __new__(
        cls,
        *,
        builtin_rules: bool,
        policy_dirs: list[str],
        policies: list[tuple[str, str]],
        data: list[Any],
        data_files: list[str],
        waivers: list[Waivers],
        time_limit_ms: int | None,
        stages: list[str],
    ) -> Engine: ...
    def evaluate(self, facts: Any) -> dict[str, Any]: ...
    def render(self, report: Any, format: str, color: bool = False) -> str: ...
    def admit(self, review: Any, file: str = "<request>") -> dict[str, Any]: ...
    def compliance(self, report: Any, framework: str, format: str = "table") -> str: ...
    def rules(self) -> list[dict[str, Any]]: ...
    @property
    def time_limit_ms(self) -> int: ...

@final
class Monitor:
    def __new__(cls, engine: Engine, workloads: Facts | None = None) -> Monitor: ...
    def observe(self, event: Any) -> list[dict[str, Any]]: ...
    def observe_batch(self, events: Iterable[Any]) -> list[dict[str, Any]]: ...
    def observe_stream(self, text: str, file: str = "<events>", batch: int = 256) -> dict[str, Any]: ...
    @property
    def seen(self) -> int: ...
    @property
    def compiled(self) -> bool: ...

def facts_from_text(file: str, text: str) -> Facts: ...
def facts_from_paths(paths: list[str]) -> Facts: ...
