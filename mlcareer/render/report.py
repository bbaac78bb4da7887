"""The shared report document: one self-contained HTML page for quiz, match and plan, and the SVG template.

Imported only when a report is exported. Every piece of data is escaped here (`html.escape`);
only https links become links. The page has no scripts, fonts or stylesheets from elsewhere:
one <style> element, light and dark, readable offline and in print.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from mlcareer.render.parts import TrendPoint
from mlcareer.text import clean, one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

FONT_STACK = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace'
"""Local monospace fonts whose box-drawing characters line up; the SVG export names no other."""
TEXT_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif'
SVG_LABEL = 34
"""Characters of a label a level chart shows; the table beside it has the whole text."""


_SPACES = re.compile(r"\s+")


class Html(str):
    """Markup we built, its data already escaped: put in a page as it is."""

    __slots__ = ()


Content = str | Html
"""Text (escaped when placed) or markup we built."""


def esc(value: str) -> str:
    """Data as inert HTML text on one line: control characters dropped, runs of white space made one space,
    <, >, & and quotes escaped."""
    return html.escape(_SPACES.sub(" ", clean(value)), quote=True)


def put(value: Content) -> str:
    return value if isinstance(value, Html) else esc(value)


def join(parts: Iterable[Content], sep: str = "") -> Html:
    return Html(sep.join(put(part) for part in parts))


def tag(name: str, content: Content, cls: str = "") -> Html:
    attrs = f' class="{cls}"' if cls else ""
    return Html(f"<{name}{attrs}>{put(content)}</{name}>")


def para(content: Content, cls: str = "") -> Html:
    return tag("p", content, cls)


def bullets(items: Iterable[Content], cls: str = "") -> Html:
    return tag("ul", join(tag("li", item) for item in items), cls)


def link(url: str, label: str) -> Html:
    """A link to an https page; anything else is shown as text, never as a link."""
    if not url.startswith("https://"):
        return Html(esc(label))
    return Html(f'<a href="{html.escape(url.strip(), quote=True)}">{esc(label)}</a>')


def url_link(url: str) -> Html:
    """An https address shown as itself, linked."""
    return link(url, url)


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Content]],
    caption: str = "",
    numeric: int = 0,
    *,
    stack: bool = False,
) -> Html:
    """A table; the last `numeric` columns are numbers (set right). With `stack`, a narrow screen shows each
    row as a block, every cell labelled with its column (for tables of prose that would not fit)."""
    count = len(headers)

    def cls(index: int) -> str:
        return ' class="num"' if index >= count - numeric else ""

    head = "".join(f'<th scope="col"{cls(i)}>{esc(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>"
        + "".join(f'<td{cls(i)} data-label="{esc(headers[i])}">{put(c)}</td>' for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    kind = ' class="stack"' if stack else ""
    return Html(
        f'<div class="table"><table{kind}>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
    )


def phases(items: Iterable[tuple[int, Content]], title: Callable[[int], str]) -> list[Html]:
    """Plan steps (each with its phase number) as one heading and list per phase, in order."""
    parts: list[Html] = []
    for phase, group in itertools.groupby(items, key=lambda item: item[0]):
        parts += [tag("h3", title(phase)), tag("ul", join(step for _, step in group), "steps")]
    return parts


def meter(percent: float, text: str = "") -> Html:
    """A percentage as a small bar beside its number (the bar is decoration; the number is the text)."""
    width = max(0.0, min(percent, 100.0))
    label = esc(text or f"{percent:.0f}%")
    return Html(
        f'<span class="meter"><svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
        f'<rect class="track" width="100" height="8" rx="2"/><rect class="fill" width="{width:.1f}" height="8" rx="2"/>'
        f"</svg>{label}</span>"
    )


def badge(word: str, kind: str = "") -> Html:
    return Html(f'<span class="badge {esc(kind)}">{esc(word)}</span>')


def _svg_text(value: str) -> str:
    value = one_line(value)
    return esc(value if len(value) <= SVG_LABEL else value[: SVG_LABEL - 1] + "…")


class Bar(NamedTuple):
    """One skill on a level chart: your level against the level asked."""

    label: str
    you: int
    asked: int


def level_chart(
    chart_id: str,
    bars: Sequence[Bar],
    top: int,
    caption: str,
    legend: tuple[str, str],
    short: tuple[str, str] = ("you", "asked"),
) -> Html:
    """An SVG bar chart of your level against the level asked for every skill, captioned for screen readers.

    Pair it with a table of the same numbers: the chart is the picture, the table the text.
    """
    width, plot, row, head = 400, 384, 42, 44
    height = head + row * len(bars) + 6
    x0 = 8.0
    step = plot / top
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-cap">',
        f'<rect class="you" x="{x0}" y="4" width="14" height="12" rx="2"/>'
        f'<text x="{x0 + 20}" y="14.5">{esc(legend[0])}</text>',
        f'<rect class="asked" x="{x0 + 120}" y="6" width="14" height="8" rx="2"/>'
        f'<text x="{x0 + 140}" y="14.5">{esc(legend[1])}</text>',
    ]
    for level in range(top + 1):
        x = x0 + level * step
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{head - 8}" x2="{x:.1f}" y2="{height - 4}"/>')
        anchor = "start" if level == 0 else "end" if level == top else "middle"
        parts.append(f'<text class="axis" x="{x:.1f}" y="{head - 12}" text-anchor="{anchor}">{level}</text>')
    for index, bar in enumerate(bars):
        y = head + index * row
        note = f"{short[0]} {bar.you}, {short[1]} {bar.asked}"
        parts.append(f'<text x="{x0}" y="{y + 12}">{_svg_text(bar.label)}</text>')
        parts.append(f'<text class="axis" x="{x0 + plot}" y="{y + 12}" text-anchor="end">{esc(note)}</text>')
        parts.append(
            f'<rect class="you" x="{x0}" y="{y + 17}" width="{max(bar.you * step, 2):.1f}" height="12" rx="2"/>'
        )
        parts.append(
            f'<rect class="asked" x="{x0}" y="{y + 31}" width="{max(bar.asked * step, 2):.1f}" height="7" rx="2"/>'
        )
    parts.append("</svg>")
    return Html(
        f'<figure id="{chart_id}"><figcaption id="{chart_id}-cap">{esc(caption)}</figcaption>{"".join(parts)}</figure>'
    )


def trend_chart(chart_id: str, points: Sequence[TrendPoint], caption: str, too_few: str) -> Html:
    """Readiness over time as an SVG line with a table of the same numbers; with fewer than two results, `too_few`."""
    if len(points) < 2:
        return para(too_few)
    width, height, left, right, top, bottom = 400, 200, 52, 16, 22, 40
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(index: int) -> float:
        return left + plot_w * index / (len(points) - 1)

    def y(value: float) -> float:
        return top + plot_h * (1 - max(0.0, min(value, 100.0)) / 100)

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-cap">']
    for mark in (0, 25, 50, 75, 100):
        parts.append(f'<line class="grid" x1="{left}" y1="{y(mark):.1f}" x2="{width - right}" y2="{y(mark):.1f}"/>')
        parts.append(f'<text class="axis" x="{left - 6}" y="{y(mark) + 4:.1f}" text-anchor="end">{mark}%</text>')
    line = " ".join(f"{x(i):.1f},{y(p.readiness):.1f}" for i, p in enumerate(points))
    parts.append(f'<polyline class="line" points="{line}"/>')
    every = max(1, (len(points) + 5) // 6)
    for i, point in enumerate(points):
        parts.append(f'<circle class="dot" cx="{x(i):.1f}" cy="{y(point.readiness):.1f}" r="4"/>')
        parts.append(
            f'<text class="value" x="{x(i):.1f}" y="{y(point.readiness) - 9:.1f}" text-anchor="middle">'
            f"{point.readiness:.0f}%</text>"
        )
        if i % every == 0 or i == len(points) - 1:
            anchor = "start" if i == 0 else "end" if i == len(points) - 1 else "middle"
            label = esc(point.taken_on)
            parts.append(f'<text class="axis" x="{x(i):.1f}" y="{height - 14}" text-anchor="{anchor}">{label}</text>')
    parts.append("</svg>")
    figure = (
        f'<figure id="{chart_id}"><figcaption id="{chart_id}-cap">{esc(caption)}</figcaption>{"".join(parts)}</figure>'
    )
    rows = [(p.taken_on, f"{p.readiness:.0f}%") for p in points]
    return Html(figure + table(("taken on", "readiness"), rows, "The same results as a table", numeric=1))


class Section(NamedTuple):
    """One part of a report: its anchor id, heading and body."""

    id: str
    title: str
    body: Html


STYLE = (
    ":root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--soft:#f3f5f7;"
    "--accent:#0b63ce;--asked:#9aa4ae;--good:#1a7f37;--warn:#9a6700;--link:#0a58b8}"
    "@media (prefers-color-scheme:dark){:root{--bg:#0f1216;--fg:#e6edf3;--muted:#9ba6b1;--line:#343b44;"
    "--soft:#171c22;--accent:#58a6ff;--asked:#5c6570;--good:#3fb950;--warn:#d29922;--link:#79b8ff}}"
    "*{box-sizing:border-box}"
    f"html{{background:var(--bg);color:var(--fg);font-family:{TEXT_FONTS};line-height:1.5;"
    "-webkit-text-size-adjust:100%}"
    "body{margin:0 auto;max-width:52rem;padding:1.5rem 1rem 3rem}"
    "h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 .4rem}"
    "h2{font-size:1.2rem;margin:2.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}"
    "h3{font-size:1rem;margin:1.4rem 0 .4rem}"
    "p,li,td,dd,figcaption,caption{overflow-wrap:anywhere}th{overflow-wrap:normal;hyphens:auto}"
    "a{color:var(--link)}"
    ".kicker{color:var(--muted);margin:0;font-size:.9rem;letter-spacing:.02em}"
    ".facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.5rem;margin:1rem 0}"
    ".facts div{background:var(--soft);border:1px solid var(--line);border-radius:.5rem;padding:.5rem .7rem}"
    ".facts dt{color:var(--muted);font-size:.8rem}.facts dd{margin:0;font-weight:600}"
    ".headline{font-size:1.1rem}"
    "nav{font-size:.9rem;margin:1rem 0}nav ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;"
    "gap:.3rem 1rem}"
    ".table{max-width:100%}"
    "table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.95rem}"
    "caption{text-align:left;color:var(--muted);font-size:.85rem;padding-bottom:.3rem}"
    "th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem .35rem 0;text-align:left;vertical-align:top}"
    "th{font-size:.85rem;color:var(--muted);font-weight:600}.num{text-align:right;white-space:nowrap}"
    "figure{margin:.8rem 0}figcaption{color:var(--muted);font-size:.9rem;margin-bottom:.4rem}"
    ".chart{width:100%;max-width:34rem;height:auto;display:block;font-family:inherit;font-size:13px}"
    ".chart text{fill:var(--fg)}.chart .axis{fill:var(--muted);font-size:12px}.chart .value{font-size:12px}"
    ".chart .grid{stroke:var(--line);stroke-width:1}.chart .you{fill:var(--accent)}"
    ".chart .asked{fill:var(--asked)}.chart .line{fill:none;stroke:var(--accent);stroke-width:2.5}"
    ".chart .dot{fill:var(--accent)}"
    ".meter{display:inline-flex;align-items:center;gap:.4rem;white-space:nowrap}"
    ".meter svg{width:5rem;height:.55rem}.meter .track{fill:var(--soft);stroke:var(--line);stroke-width:.5}"
    ".meter .fill{fill:var(--accent)}"
    ".badge{display:inline-block;font-size:.78rem;border:1px solid var(--line);border-radius:1rem;"
    "padding:0 .5rem;color:var(--muted);white-space:nowrap}"
    ".badge.done{color:var(--good);border-color:var(--good)}.badge.doing{color:var(--accent);"
    "border-color:var(--accent)}.badge.target{color:var(--accent);border-color:var(--accent)}"
    ".badge.required{color:var(--warn);border-color:var(--warn)}"
    ".steps{list-style:none;padding:0;margin:0}.steps>li{border-left:3px solid var(--line);"
    "padding:.2rem 0 .2rem .8rem;margin:.7rem 0}.steps>li.done{border-color:var(--good)}"
    ".steps>li.doing{border-color:var(--accent)}.steps p{margin:.15rem 0}.steps .head{font-weight:600}"
    ".muted{color:var(--muted)}.sources li{margin:.3rem 0}"
    "footer{margin-top:2.5rem;padding-top:.6rem;border-top:1px solid var(--line);color:var(--muted);"
    "font-size:.85rem}"
    "@media (max-width:34rem){body{padding:1rem .75rem 2rem}h1{font-size:1.35rem}"
    "table{font-size:.88rem}th,td{padding-right:.35rem}"
    ".stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}"
    ".stack tr{display:block;border-bottom:1px solid var(--line);padding:.45rem 0}"
    ".stack td{display:block;border:0;padding:.1rem 0}.stack td:first-child{font-weight:600}"
    ".stack td+td::before{content:attr(data-label) ': ';color:var(--muted);font-size:.85rem}}"
    "@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--soft:#fff;--link:#000}"
    "html{font-size:10.5pt}body{max-width:none;padding:0}nav{display:none}"
    "a{text-decoration:none}a[href]::after{content:' <' attr(href) '>';font-size:.8em;color:var(--muted)}"
    "figure,tr,.steps>li,.facts div{break-inside:avoid}h2,h3{break-after:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"
)


def document(
    title: str,
    kicker: str,
    heading: str,
    facts: Sequence[tuple[str, Content]],
    headline: Content,
    sections: Sequence[Section],
    footer: Content,
) -> str:
    """The whole page: <title>, header with the key facts, a table of contents, the sections and a footer."""
    from mlcareer import __version__

    fact_items = "".join(f"<div><dt>{esc(name)}</dt><dd>{put(value)}</dd></div>" for name, value in facts)
    contents = "".join(f'<li><a href="#{s.id}">{esc(s.title)}</a></li>' for s in sections)
    body = "".join(f'<section id="{s.id}"><h2>{esc(s.title)}</h2>{s.body}</section>' for s in sections)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        f'<meta name="generator" content="mlcareer {esc(__version__)}">'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head>\n<body>"
        f'<header><p class="kicker">{esc(kicker)}</p><h1>{esc(heading)}</h1>'
        f'<dl class="facts">{fact_items}</dl>{para(headline, "headline")}</header>'
        f'<nav aria-label="Contents"><ul>{contents}</ul></nav>'
        f"<main>{body}</main><footer>{put(footer)}</footer></body></html>\n"
    )


def made_on(day_text: str, more: str = "") -> Html:
    """The footer: who made the page, when, and what its numbers are."""
    from mlcareer import __version__

    return para(f"Made with mlcareer {__version__} on {day_text}, offline. {more}".strip())


def terminal_svg(renderables: Sequence[RenderableType], width: int, title: str) -> str:
    """The terminal report drawn as an SVG picture, in local fonts only (see SVG_FORMAT)."""
    import io

    from mlcareer.render.console import make_console, print_renderables

    console = make_console(io.StringIO(), record=True, width=width)
    print_renderables(renderables, console)
    return console.export_svg(title=one_line(title), code_format=SVG_FORMAT)


# --- the SVG export --------------------------------------------------------------------------------

SVG_FORMAT = (
    '<svg class="rich-terminal" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">\n'
    "    <style>\n"
    "    .{unique_id}-matrix {{\n"
    f"        font-family: {FONT_STACK};\n"
    "        font-size: {char_height}px;\n"
    "        line-height: {line_height}px;\n"
    "        font-variant-east-asian: full-width;\n"
    "    }}\n"
    "    .{unique_id}-title {{\n"
    "        font-size: 18px;\n"
    "        font-weight: bold;\n"
    f"        font-family: {TEXT_FONTS};\n"
    "    }}\n"
    "    {styles}\n"
    "    </style>\n"
    "    <defs>\n"
    '    <clipPath id="{unique_id}-clip-terminal">\n'
    '      <rect x="0" y="0" width="{terminal_width}" height="{terminal_height}" />\n'
    "    </clipPath>\n"
    "    {lines}\n"
    "    </defs>\n"
    "    {chrome}\n"
    '    <g transform="translate({terminal_x}, {terminal_y})" clip-path="url(#{unique_id}-clip-terminal)">\n'
    "    {backgrounds}\n"
    '    <g class="{unique_id}-matrix">\n'
    "    {matrix}\n"
    "    </g>\n"
    "    </g>\n"
    "</svg>\n"
)
"""rich's SVG template with no web font: only local monospace fonts, so it draws the same offline.

rich places every run of text at its column with `textLength`, so the box tables line up in any
monospace font that has the box-drawing characters (DejaVu Sans Mono, Menlo, Consolas do).
"""
