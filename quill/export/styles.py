"""Typography as plain data, and the style sheets built from it.

Two dialects: :func:`browser_css` for the standalone HTML file (full CSS, read in any browser
or mail client), and :func:`qt_css` for Qt's rich-text engine (the preview and the PDF), which
understands a small CSS subset: sizes in pt, no borders on blocks, padding on table cells only.
Colours and font families come in as strings so that this module never needs Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

SERIF = ("Literata", "Charter", "Georgia", "DejaVu Serif", "Noto Serif", "serif")
MONO = ("JetBrains Mono", "DejaVu Sans Mono", "Noto Sans Mono", "Menlo", "Consolas", "monospace")


@dataclass(frozen=True)
class Typography:
    """What a rendered piece looks like. ``PAPER`` is the default for files and print."""

    background: str = "#fdfcf9"
    text: str = "#26251f"
    muted: str = "#6b675e"  # block quotes, footnotes, bylines
    rule: str = "#dcd6ca"  # hairlines: rules, table lines, the quote bar
    accent: str = "#8a5a2b"  # links
    code_background: str = "#f3f0e9"
    body_fonts: tuple[str, ...] = SERIF
    code_fonts: tuple[str, ...] = MONO
    font_size_pt: float = 11.5  # body size in print; the screen scales from it
    line_height: float = 1.6
    measure_em: float = 33.0  # the column width in a browser

    def with_(self, **changes: object) -> Typography:
        return replace(self, **changes)  # type: ignore[arg-type]


PAPER = Typography()


def _families(names: tuple[str, ...]) -> str:
    generic = {"serif", "sans-serif", "monospace"}
    return ", ".join(name if name in generic else f'"{name}"' for name in names)


def browser_css(t: Typography) -> str:
    """The embedded style sheet of a standalone HTML export."""
    body, mono = _families(t.body_fonts), _families(t.code_fonts)
    screen_px = round(t.font_size_pt * 1.62, 1)  # 11.5 pt on paper reads like ~19 px on a screen
    return f"""\
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
html {{ background: {t.background}; -webkit-text-size-adjust: 100%; }}
body {{
  margin: 0 auto; max-width: {t.measure_em}em; padding: 4.5em 1.4em 6em;
  font-family: {body}; font-size: {screen_px}px; line-height: {t.line_height};
  color: {t.text}; background: {t.background};
  font-kerning: normal; font-variant-ligatures: common-ligatures; text-rendering: optimizeLegibility;
  hyphens: auto; overflow-wrap: break-word;
}}
header.title-block {{ margin-bottom: 3em; }}
header.title-block h1 {{ margin-bottom: .25em; }}
.subtitle {{ font-size: 1.2em; color: {t.muted}; font-style: italic; margin: 0 0 .6em; }}
.byline {{ color: {t.muted}; font-size: .9em; letter-spacing: .02em; margin: 0; }}
h1, h2, h3, h4, h5, h6 {{ line-height: 1.25; font-weight: 700; margin: 2.2em 0 .7em; text-wrap: balance; }}
h1 {{ font-size: 2.05em; margin-top: 0; letter-spacing: -.01em; }}
h2 {{ font-size: 1.45em; }}
h3 {{ font-size: 1.18em; }}
h4, h5, h6 {{ font-size: 1em; font-style: italic; font-weight: 600; }}
p, ul, ol, dl, table, pre, blockquote {{ margin: 0 0 1.1em; }}
ul, ol {{ padding-left: 1.6em; }}
li {{ margin: .25em 0; }}
li > ul, li > ol {{ margin: .25em 0 .4em; }}
ul.task-list {{ list-style: none; padding-left: 1.6em; }}
dt {{ font-weight: 700; margin-top: .7em; }}
dd {{ margin: .2em 0 0 1.6em; }}
dd > p {{ margin-bottom: .5em; }}
li.task-list-item {{ list-style: none; }}
li.task-list-item input {{ margin: 0 .5em 0 -1.3em; vertical-align: middle; }}
a {{ color: {t.accent}; text-decoration-thickness: 1px; text-underline-offset: .16em; }}
a:hover {{ text-decoration-thickness: 2px; }}
strong {{ font-weight: 700; }}
del {{ color: {t.muted}; }}
blockquote {{ padding: .1em 0 .1em 1.2em; border-left: 3px solid {t.rule}; color: {t.muted}; font-style: italic; }}
blockquote p:last-child {{ margin-bottom: 0; }}
code, pre {{ font-family: {mono}; font-size: .84em; }}
code {{ background: {t.code_background}; padding: .12em .32em; border-radius: 3px; }}
pre {{ background: {t.code_background}; padding: 1em 1.2em; border-radius: 5px; overflow-x: auto; line-height: 1.5;
      hyphens: none; }}
pre code {{ background: none; padding: 0; font-size: 1em; }}
hr {{ border: 0; height: 1px; background: {t.rule}; width: 30%; margin: 2.6em auto; }}
img {{ display: block; max-width: 100%; height: auto; margin: 1.6em auto; border-radius: 2px; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9em; line-height: 1.45;
         font-variant-numeric: tabular-nums; }}
th, td {{ padding: .5em .75em; border-bottom: 1px solid {t.rule}; text-align: left; vertical-align: top; }}
th {{ border-bottom: 2px solid {t.rule}; font-weight: 700; }}
sup.footnote-ref {{ line-height: 0; }}
sup.footnote-ref a {{ text-decoration: none; padding: 0 .1em; font-size: .8em; }}
section.footnotes {{ margin-top: 3.5em; font-size: .86em; color: {t.muted}; }}
section.footnotes hr {{ margin: 0 0 1.6em; width: 6em; }}
section.footnotes li {{ margin: .45em 0; }}
section.footnotes p {{ margin: 0; }}
a.footnote-back {{ text-decoration: none; margin-left: .3em; }}
@media (max-width: 36em) {{ body {{ padding: 2.5em 1.1em 4em; font-size: {round(screen_px * .92, 1)}px; }} }}
@media print {{
  html, body {{ background: #fff; }}
  body {{ max-width: none; padding: 0; font-size: {t.font_size_pt}pt; }}
  a {{ color: inherit; }}
  h1, h2, h3 {{ break-after: avoid; }}
  pre, blockquote, table, img {{ break-inside: avoid; }}
}}
"""


def qt_css(t: Typography, point_size: float | None = None) -> str:
    """The style sheet for Qt's rich-text engine (preview and PDF). Sizes in pt, computed here."""
    base = float(point_size or t.font_size_pt)

    def pt(factor: float) -> str:
        return f"{base * factor:.1f}pt"

    def px(factor: float) -> str:  # Qt takes block margins in 96-dpi pixels only
        return f"{round(base * factor * 96 / 72)}px"

    body, mono = _families(t.body_fonts), _families(t.code_fonts)
    lh = int(round((t.line_height - 0.2) * 100))  # Qt's proportional height already includes the leading
    return f"""\
body {{ font-family: {body}; font-size: {pt(1)}; color: {t.text}; }}
p {{ margin-top: 0; margin-bottom: {px(0.9)}; line-height: {lh}%; }}
li {{ margin-bottom: {px(0.15)}; line-height: {lh}%; }}
dt {{ font-weight: 700; margin-top: {px(0.5)}; line-height: {lh}%; }}
dd, dd p {{ -qt-block-indent: 1; margin-left: 0px; margin-bottom: {px(0.2)}; line-height: {lh}%; }}
h1 {{ font-size: {pt(1.85)}; font-weight: 700; margin-top: 0; margin-bottom: {px(0.7)}; }}
h2 {{ font-size: {pt(1.4)}; font-weight: 700; margin-top: {px(1.6)}; margin-bottom: {px(0.55)}; }}
h3 {{ font-size: {pt(1.16)}; font-weight: 700; margin-top: {px(1.3)}; margin-bottom: {px(0.45)}; }}
h4, h5, h6 {{ font-size: {pt(1)}; font-weight: 600; font-style: italic; margin-top: {px(1.1)};
             margin-bottom: {px(0.4)}; }}
a {{ color: {t.accent}; text-decoration: none; }}
code {{ font-family: {mono}; font-size: {pt(0.86)}; background-color: {t.code_background}; }}
pre {{ font-family: {mono}; font-size: {pt(0.82)}; margin: 0; white-space: pre-wrap; }}
td.code {{ background-color: {t.code_background}; }}
td.quote {{ color: {t.muted}; font-style: italic; }}
td.quote-bar {{ background-color: {t.rule}; }}
table.quote {{ margin-bottom: {px(0.9)}; }}
table.codeblock {{ margin-bottom: {px(0.9)}; }}
table.data {{ border-collapse: collapse; margin-bottom: {px(1)}; }}
table.data th {{ font-weight: 700; border-bottom: 2px solid {t.rule}; font-size: {pt(0.9)}; }}
table.data td {{ border-bottom: 1px solid {t.rule}; font-size: {pt(0.9)}; }}
.missing-image {{ color: {t.muted}; font-style: italic; }}
.byline {{ color: {t.muted}; font-size: {pt(0.9)}; }}
.subtitle {{ color: {t.muted}; font-style: italic; font-size: {pt(1.15)}; }}
.footnotes {{ color: {t.muted}; font-size: {pt(0.86)}; }}
del, s {{ color: {t.muted}; }}
"""
