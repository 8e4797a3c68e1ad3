"""Small exports in each platform's real shape, written by the tests (no real archive is shipped)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

SUBSTACK_COLUMNS = ["post_id", "post_date", "is_published", "email_sent_at", "inbox_sent_at", "type", "audience",
                    "title", "subtitle", "podcast_url"]

#: A Substack post body with the furniture a real export carries.
SUBSTACK_BODY = """<div class="captioned-image-container"><figure><a class="image-link image2 is-viewable-img" \
target="_blank" href="https://substackcdn.com/image/fetch/big.jpeg"><div class="image2-inset"><picture>\
<source type="image/webp" srcset="https://substackcdn.com/a.webp 424w">\
<img src="https://substackcdn.com/image/lake.jpeg" alt="A lake at dawn" width="1456" height="816">\
</picture><div class="image-link-expand"><svg></svg></div></div></a>\
<figcaption class="image-caption">The lake, before anyone was up.</figcaption></figure></div>
<p>I walked to the lake every morning that winter.<a class="footnote-anchor" data-component-name="FootnoteAnchorToDOM" \
id="footnote-anchor-1" href="#footnote-1" target="_self">1</a> Nobody asked why.</p>
<p class="button-wrapper" data-attrs="{&quot;url&quot;:&quot;https://me.substack.com/subscribe?&quot;,&quot;text&quot;:\
&quot;Subscribe now&quot;}" data-component-name="ButtonCreateButton"><a class="button primary" \
href="https://me.substack.com/subscribe?"><span>Subscribe now</span></a></p>
<ul><li><p>first thing</p><ul><li><p>inner thing</p></li></ul></li><li><p>second thing</p></li></ul>
<blockquote><p>A line somebody else wrote.</p></blockquote>
<pre><code>for step in walk:
    look(step)</code></pre>
<table><tr><th>day</th><th>miles</th></tr><tr><td>Monday</td><td>3</td></tr></table>
<p>Read <a href="https://example.org/essay?utm_source=substack&amp;utm_medium=email&amp;page=2">this essay</a>.</p>
<div class="tweet" data-attrs="{&quot;url&quot;:&quot;https://twitter.com/walker/status/123&quot;,&quot;full_text&quot;:\
&quot;The lake froze overnight.&quot;,&quot;username&quot;:&quot;walker&quot;,&quot;name&quot;:&quot;A Walker&quot;}">\
<div class="tweet-header">junk</div></div>
<div class="embedded-post-wrap" data-attrs="{&quot;id&quot;:9,&quot;url&quot;:&quot;https://other.substack.com/p/winter&quot;,\
&quot;publication_name&quot;:&quot;Other&quot;,&quot;title&quot;:&quot;On winter&quot;,&quot;truncated_body_text&quot;:\
&quot;Cold is a teacher.&quot;}"><div class="embedded-post">junk</div></div>
<div class="subscription-widget-wrap-editor" data-attrs="{}"><div class="subscription-widget show-subscribe">\
<div class="preamble"><p class="cta-caption">Thanks for reading Lake Notes! Subscribe for free to receive new posts.\
</p></div><form class="subscription-widget-subscribe"><input type="email"><input type="submit" value="Subscribe">\
</form></div></div>
<p class="button-wrapper" data-attrs="{&quot;url&quot;:&quot;https://me.substack.com/p/lake?utm_source=substack&amp;\
utm_medium=email&amp;action=share&quot;,&quot;text&quot;:&quot;Share&quot;}"><a class="button primary" \
href="https://me.substack.com/p/lake?action=share"><span>Share</span></a></p>
<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-1" href="#footnote-anchor-1" \
class="footnote-number" contenteditable="false" target="_self">1</a><div class="footnote-content">\
<p>It was two miles, there and back.</p></div></div>
"""


def substack_rows() -> list[dict[str, str]]:
    return [
        {"post_id": "101.the-lake", "post_date": "2021-01-15T08:00:00.000Z", "is_published": "true",
         "email_sent_at": "2021-01-15T08:00:00.000Z", "type": "newsletter", "audience": "everyone",
         "title": 'The lake, "again", at dawn', "subtitle": "On walking, mostly"},
        {"post_id": "102.spring", "post_date": "2022-04-02T09:30:00.000Z", "is_published": "true",
         "type": "newsletter", "audience": "everyone", "title": "Spring", "subtitle": ""},
        {"post_id": "103.half-done", "post_date": "", "is_published": "false", "type": "newsletter",
         "audience": "everyone", "title": "Half done, really", "subtitle": ""},
        {"post_id": "104.episode-1", "post_date": "2022-05-01T10:00:00.000Z", "is_published": "true",
         "type": "podcast", "audience": "everyone", "title": "Episode 1", "subtitle": ""},
    ]


def substack_bodies() -> dict[str, str]:
    return {
        "101.the-lake": SUBSTACK_BODY,
        "102.spring": "<p>The first warm day.</p><p>Then rain.</p>",
        "103.half-done": "<p>This one is not finished.</p>",
    }


def csv_text(rows: list[dict[str, str]], columns: list[str] = SUBSTACK_COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def substack_zip(path: Path, rows: list[dict[str, str]] | None = None, bodies: dict[str, str | bytes] | None = None,
                 columns: list[str] = SUBSTACK_COLUMNS) -> Path:
    rows = substack_rows() if rows is None else rows
    bodies = substack_bodies() if bodies is None else bodies
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("posts.csv", csv_text(rows, columns))
        for post_id, body in bodies.items():
            zf.writestr(f"posts/{post_id}.html", body)
    return path


def substack_folder(path: Path) -> Path:
    (path / "posts").mkdir(parents=True)
    (path / "posts.csv").write_text(csv_text(substack_rows()), encoding="utf-8", newline="")
    for post_id, body in substack_bodies().items():
        (path / "posts" / f"{post_id}.html").write_text(body, encoding="utf-8")
    return path
