"""The HTML reports in a real browser: headless Chromium at 1280 and 390 pixels wide.

Each report (quiz, match, plan) is screenshotted at both widths; the rendered DOM must hold every
section and nothing may overflow the window sideways. Skips when Chromium is not installed
(.ci/run installs it through the system package manager).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, RunCli

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (1280, 390)
PERSONA = ROOT / "tests" / "personas" / "backend-engineer.yaml"
POSTING = ROOT / "tests" / "postings" / "17-ai-engineer-mid-hubspot.txt"
SECTIONS = {
    "quiz": ["levels", "fit", "gaps", "answers", "trend", "plan", "sources"],
    "match": ["skills", "roles", "unknown", "you", "answers", "plan", "sources"],
    "plan": ["progress", "skills", "trend", "steps", "sources"],
}
OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > width + 1 || r.left < -1); })
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
  return {scroll: document.documentElement.scrollWidth, inner: width, wide: wide.slice(0, 5)};
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for these tests (never downloaded: the system's own); closed before other modules run,
    so its event loop never meets theirs."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}; .ci/run installs it")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extras")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def make_report(kind: str, run: RunCli, tmp_path: Path) -> Path:
    """A report of `kind` made as a person would: two quizzes (so the trend has a line), then the export."""
    for _ in range(2):
        run("quiz", "-r", "mle", "--stage", "mid", "--answers", str(PERSONA))
    target = tmp_path / f"{kind}.html"
    if kind == "quiz":
        run("quiz", "-r", "mle", "--stage", "mid", "--answers", str(PERSONA), "--no-save", "--export", str(target))
    elif kind == "match":
        run("match", str(POSTING), "--export", str(target))
    else:
        run("plan", "done", "1")
        run("plan", "start", "2")
        run("plan", "--export", str(target))
    return target


def png_size(path: Path) -> tuple[int, int]:
    """The width and height a PNG file declares (its IHDR chunk)."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


@pytest.mark.parametrize("kind", list(SECTIONS))
def test_report_renders_whole_and_fits_the_window(browser: Any, run: RunCli, tmp_path: Path, kind: str) -> None:
    report = make_report(kind, run, tmp_path)
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            page.goto(report.as_uri())
            found = page.evaluate("() => [...document.querySelectorAll('main > section')].map(s => s.id)")
            assert found == SECTIONS[kind], f"{kind} at {width}px"
            for section in SECTIONS[kind]:
                assert page.locator(f"#{section} h2").is_visible(), f"{kind}: #{section} has a visible heading"
            assert page.title().startswith(f"mlcareer {kind}: ")
            charts = page.locator("svg[role=img]")
            assert charts.count() >= (2 if kind != "match" else 1), "a level chart, and the trend where there is one"
            for index in range(charts.count()):
                label = charts.nth(index).get_attribute("aria-labelledby")
                assert label and page.locator(f"#{label}").inner_text().strip(), "each chart is captioned"
            fit = page.evaluate(OVERFLOW)
            assert fit["scroll"] <= fit["inner"] and fit["wide"] == [], f"{kind} at {width}px overflows: {fit}"
            shot = tmp_path / f"{kind}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            page.close()
        shot_width, shot_height = png_size(shot)
        assert shot_width == width and shot_height > 1500, (shot_width, shot_height)
        assert shot.stat().st_size > 40_000, "the screenshot shows a page, not a blank"
