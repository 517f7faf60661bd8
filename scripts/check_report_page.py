#!/usr/bin/env python3
"""Renders ztguard's HTML compliance report in headless Chromium and checks what a person
would see: the browser parses the page into the expected structure (as many failing controls
as the JSON report counts, one chart segment per pillar and severity found), and the
screenshot shows the page's colours where they belong, not a blank or unstyled page.

Usage: check_report_page.py CHROMIUM PAGE.html REPORT.json SCREENSHOT.png
"""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]


def chromium(binary: str, *args: str) -> str:
    done = subprocess.run([binary, *FLAGS, *args], capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        sys.exit(f"chromium exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def pixels(png: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Decodes an 8-bit RGB or RGBA PNG (what Chromium writes) into its pixels."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("the screenshot is not a PNG")
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            if depth != 8 or color not in (2, 6):
                sys.exit(f"unexpected PNG format: depth {depth}, colour type {color}")
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytearray] = []
    prev = bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for x in range(stride):
            a = row[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if kind == 1:
                row[x] = (row[x] + a) & 0xFF
            elif kind == 2:
                row[x] = (row[x] + b) & 0xFF
            elif kind == 3:
                row[x] = (row[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(row)
        prev = row
    out = [tuple(row[x : x + 3]) for row in rows for x in range(0, stride, channels)]
    return width, height, out  # type: ignore[return-value]


def main() -> None:
    binary, page, report_path, shot = sys.argv[1:5]
    report = json.loads(Path(report_path).read_text())
    url = Path(page).resolve().as_uri()
    dom = chromium(binary, "--dump-dom", url)
    failing = len(re.findall(r'data-status="fail"', dom))
    expected = report["summary"]["fail"]
    assert failing == expected, f"the browser sees {failing} failing controls, the report counts {expected}"
    segments = len(re.findall(r"<rect ", dom))
    found = sum(1 for by in report["summary"]["findings"].values() for n in by.values() if n)
    assert segments == found, f"{segments} chart segments for {found} pillar and severity pairs"
    assert "<script" not in dom, "the page runs no scripts"

    chromium(binary, "--window-size=1280,2200", f"--screenshot={shot}", url)
    width, height, image = pixels(Path(shot).read_bytes())
    assert (width, height) == (1280, 2200), (width, height)
    colours = Counter(image)
    corner = image[0]
    assert corner == (0xF5, 0xF7, 0xFA), f"page background {corner}: the style sheet did not apply"
    # Each of these fills a visible area: the failing badges and card, the passing card, the
    # chart's severity colours (only those the report has findings of).
    wanted = {"fail badge": (0xC6, 0x28, 0x28), "pass count": (0x2E, 0x7D, 0x32)}
    severity_colours = {"critical": (0x8E, 0x1B, 0x1B), "high": (0xD8, 0x43, 0x15), "medium": (0xF9, 0xA8, 0x25), "low": (0x4F, 0x83, 0xCC)}
    for severity, rgb in severity_colours.items():
        if any(by.get(severity) for by in report["summary"]["findings"].values()):
            wanted[f"{severity} bars"] = rgb
    for what, rgb in wanted.items():
        count = colours[rgb]
        assert count >= 200, f"{what}: only {count} pixels of #{bytes(rgb).hex()} in the screenshot"
    print(f"ok: {failing} failing controls and {segments} chart segments in the DOM; screenshot {width}x{height}, "
          + ", ".join(f"{what} {colours[rgb]} px" for what, rgb in wanted.items()))


if __name__ == "__main__":
    main()
