"""The shipped type information matches the built module, and the package type-checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ztguard

PACKAGE = Path(ztguard.__file__).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, check=False)


def test_the_stub_matches_the_native_module() -> None:
    result = run("mypy.stubtest", "ztguard")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_ships_its_type_information() -> None:
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "_native.pyi").is_file()


def test_the_package_and_its_tests_type_check_strictly() -> None:
    package = run("mypy", "--strict", "-p", "ztguard")
    assert package.returncode == 0, package.stdout + package.stderr
    tests = run("mypy", "--strict", str(Path(__file__).parent))
    assert tests.returncode == 0, tests.stdout + tests.stderr
