"""Times ``Engine.evaluate`` on the README example from Python: latency on one thread and
throughput on a thread pool sharing one engine, with facts given as a ``Facts`` object, a
dict and JSON text. Compare with the Rust harness (``cargo bench -p ztguard --bench
engine``), which times the same evaluation without Python.

Run against a release build of the package::

    pip install ./bindings/python    # or: maturin develop --release -m bindings/python/Cargo.toml
    python bindings/python/benches/bench_evaluate.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

import ztguard
from ztguard import _native

QUICKSTART = Path(__file__).resolve().parents[3] / "testdata" / "examples" / "quickstart"
SAMPLES = 300
WINDOW_S = 3.0


def latency(call: Callable[[], Any]) -> tuple[float, float]:
    """Median and p90 of one call, in milliseconds."""
    for _ in range(20):
        call()
    times = []
    for _ in range(SAMPLES):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9)]


def throughput(call: Callable[[], Any], threads: int) -> float:
    """Calls a second, with `threads` threads calling for WINDOW_S seconds."""
    deadline = time.perf_counter() + WINDOW_S

    def worker() -> int:
        count = 0
        while time.perf_counter() < deadline:
            call()
            count += 1
        return count

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        total = sum(pool.map(lambda _: worker(), range(threads)))
    return total / (time.perf_counter() - start)


def main() -> int:
    if _native.DEBUG_BUILD:
        print("this ztguard module is a debug build; install a release build to benchmark", file=sys.stderr)
        return 2
    engine = ztguard.Engine()
    facts = ztguard.facts_from_paths(QUICKSTART)
    as_dict = facts.to_dict()
    as_json = json.dumps(as_dict)
    findings = len(engine.evaluate(facts).findings)
    print(f"README example: {findings} findings, {len(engine.rules)} rules, Python {sys.version.split()[0]}")
    forms: dict[str, Callable[[], Any]] = {
        "Facts": lambda: engine.evaluate(facts),
        "dict": lambda: engine.evaluate(as_dict),
        "JSON text": lambda: engine.evaluate(as_json),
    }
    for name, call in forms.items():
        median, p90 = latency(call)
        print(f"evaluate({name}): median {median:.2f} ms, p90 {p90:.2f} ms")
    native = engine._native
    median, _ = latency(lambda: native.evaluate(facts))
    print(f"  of which the report as plain data (no Report object): median {median:.2f} ms")
    cores = os.cpu_count() or 1
    single = throughput(forms["Facts"], 1)
    print(f"throughput, 1 thread: {single:.0f} evaluations/s")
    if cores > 1:
        pooled = throughput(forms["Facts"], cores)
        print(f"throughput, {cores} threads, one engine: {pooled:.0f} evaluations/s ({pooled / single:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
