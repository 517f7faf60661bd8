"""Shared paths and fixtures of the Python tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import ztguard

REPO = Path(__file__).resolve().parents[3]
TESTDATA = REPO / "testdata"
QUICKSTART = TESTDATA / "examples" / "quickstart"


@pytest.fixture(scope="session")
def engine() -> ztguard.Engine:
    return ztguard.Engine()
