"""One engine shared by many threads: the same answers as one thread, and the GIL released
while Rust evaluates, so Python threads go on meanwhile."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import ztguard

from conftest import QUICKSTART, TESTDATA

SLOW_POLICY = (TESTDATA / "cases" / "error-time-limit" / "slow.rego").read_text()
POD = (TESTDATA / "cases" / "error-time-limit" / "pod.yaml").read_text()


def test_threads_sharing_an_engine_get_the_single_threaded_report(engine: ztguard.Engine) -> None:
    facts = ztguard.facts_from_paths(QUICKSTART).with_time("2026-12-01T12:00:00Z")
    expected = engine.evaluate(facts).to_dict()
    dicts = [facts.to_dict()] * 8
    with ThreadPoolExecutor(max_workers=4) as pool:
        from_facts = list(pool.map(lambda _: engine.evaluate(facts).to_dict(), range(16)))
        from_dicts = list(pool.map(lambda d: engine.evaluate(d).to_dict(), dicts))
    assert all(report == expected for report in from_facts + from_dicts)


def test_the_gil_is_released_while_evaluating() -> None:
    # The slow rule runs until the 400 ms limit. Were the GIL held meanwhile, this thread's
    # counter could not move until the evaluation ended.
    engine = ztguard.Engine(policies={"slow.rego": SLOW_POLICY}, builtin_rules=False, time_limit_ms=400)
    facts = ztguard.facts_from_text("pod.yaml", POD)
    started, finished = threading.Event(), threading.Event()
    errors: list[ztguard.Error] = []

    def evaluate() -> None:
        started.set()
        try:
            engine.evaluate(facts)
        except ztguard.LimitError as error:
            errors.append(error)
        finished.set()

    worker = threading.Thread(target=evaluate)
    worker.start()
    started.wait()
    ticks = 0
    while not finished.is_set():
        ticks += 1
    worker.join()
    assert [e.code for e in errors] == ["limit"]
    assert ticks > 10_000


def test_a_monitor_shared_between_threads_counts_every_event(engine: ztguard.Engine) -> None:
    monitor = ztguard.Monitor(engine)
    event = {
        "type": "process_exec",
        "time": "2026-12-01T10:00:00Z",
        "workload": {"kind": "Deployment", "namespace": "shop", "name": "web"},
        "container": "app",
        "process": {"binary": "/bin/bash", "uid": 0, "tty": True},
    }
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: monitor.observe(event), range(20)))
    assert monitor.seen == 20
    rules = [[d.finding.rule for d in r] for r in results]
    assert rules == [["ZT-RUN-001"]] * 20
    assert all(r[0].finding.severity == "critical" for r in results)
