"""Ghost, WordPress and Medium exports in their real shapes: statuses, dates, tags, pages, furniture."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from quill.cli import main as quill_main
from quill.importer.model import ImportOptions
from quill.importer.run import import_archive
from quill.library import Library
from quill.library.frontmatter import parse

from .conftest import tree


def _read(path: Path) -> tuple[dict, str]:
    doc = parse(path.read_text(encoding="utf-8"))
    return doc.as_dict(), doc.body.lstrip("\n")


# -- Ghost ------------------------------------------------------------------------------------------
def ghost_export(path: Path) -> Path:
    posts = [
        {"id": "p1", "uuid": "u-1", "title": "Tides, and \"why\" they matter", "slug": "tides", "type": "post",
         "status": "published", "published_at": "2019-06-01T09:00:00.000Z", "created_at": "2019-05-20T09:00:00.000Z",
         "html": '<p>The sea goes out.</p><div class="kg-card kg-signup-card"><h2>Sign up</h2><form></form></div>'
                 '<h2>Why</h2><ol><li>Moon</li><li>Sun<ul><li>a little</li></ul></li></ol>'
                 '<pre><code class="language-js">tide()</code></pre>'
                 '<figure class="kg-card kg-image-card kg-card-hascaption"><img src="https://g.io/c/shore.jpg" '
                 'class="kg-image" alt="Shore"><figcaption>Low water.</figcaption></figure>',
         "custom_excerpt": None},
        {"id": "p2", "uuid": "u-2", "title": "Unsent", "slug": "unsent", "type": "post", "status": "draft",
         "published_at": None, "created_at": "2020-02-02T00:00:00.000Z", "html": "<p>Someday.</p>"},
        {"id": "p3", "uuid": "u-3", "title": "About", "slug": "about", "type": "page", "status": "published",
         "published_at": "2018-01-01T00:00:00.000Z", "html": "<p>Me.</p>"},
        {"id": "p4", "uuid": "u-4", "title": "Old mobiledoc", "slug": "old", "type": "post", "status": "published",
         "published_at": "2017-01-01T00:00:00.000Z", "html": None, "mobiledoc": "{}"},
    ]
    data = {"db": [{"meta": {"exported_on": 1, "version": "5.80.0"}, "data": {
        "posts": posts, "tags": [{"id": "t1", "name": "Sea"}, {"id": "t2", "name": "#hidden"}],
        "posts_tags": [{"post_id": "p1", "tag_id": "t1"}, {"post_id": "p1", "tag_id": "t2"}]}}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_ghost(tmp_path: Path, lib: Path) -> None:
    report = import_archive(ghost_export(tmp_path / "my-blog.ghost.2024.json"), lib,
                            ImportOptions(site="https://tides.blog"))
    meta, body = _read(lib / "Ghost" / "tides.md")
    assert (meta["title"], meta["status"], str(meta["finished"]), str(meta["created"])) == \
        ('Tides, and "why" they matter', "finished", "2019-06-01", "2019-05-20")
    assert meta["tags"] == ["Sea"] and meta["url"] == "https://tides.blog/tides/" and meta["source"] == "ghost:u-1"
    assert "Sign up" not in body
    assert "1. Moon\n2. Sun\n   - a little" in body
    assert "```js\ntide()\n```" in body
    assert "![Shore](https://g.io/c/shore.jpg)\n\n*Low water.*" in body
    assert _read(lib / "Ghost" / "unsent.md")[0]["status"] == "draft"
    assert not (lib / "Ghost" / "about.md").exists()
    reasons = {s.name: s.reason for s in report.plan.skipped}
    assert "--pages" in reasons["About"] and "no HTML" in reasons["Old mobiledoc"]
    # pages on request; the posts already imported are left alone
    again = import_archive(tmp_path / "my-blog.ghost.2024.json", lib, ImportOptions(include_pages=True))
    assert [p.name for p in again.written] == ["about.md"] and len(again.plan.already) == 2


# -- WordPress --------------------------------------------------------------------------------------
WXR = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Field notes</title><link>https://notes.example</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Birds, &amp; "other" things</title><link>https://notes.example/2016/04/birds/</link>
  <pubDate>Sat, 02 Apr 2016 10:00:00 +0000</pubDate><dc:creator><![CDATA[me]]></dc:creator>
  <content:encoded><![CDATA[<!-- wp:paragraph -->
A wren sang.
It was early.

Then a crow.<sup><a href="#fn1" id="ref1">1</a></sup>

<blockquote>Quoth the raven.</blockquote>

<pre>line one

line three</pre>
<ol class="footnotes"><li id="fn1">Probably a rook. <a href="#ref1">↩</a></li></ol>
<div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3></div>]]></content:encoded>
  <wp:post_id>7</wp:post_id><wp:post_date><![CDATA[2016-04-02 10:00:00]]></wp:post_date>
  <wp:post_name><![CDATA[birds]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>
  <wp:post_type><![CDATA[post]]></wp:post_type>
  <category domain="category" nicename="nature"><![CDATA[Nature]]></category>
  <category domain="post_tag" nicename="birds"><![CDATA[birds]]></category>
  <category domain="category" nicename="uncategorized"><![CDATA[Uncategorized]]></category></item>
<item><title>Half a thought</title><link>https://notes.example/?p=8</link>
  <content:encoded><![CDATA[<p>Not yet.</p>]]></content:encoded>
  <wp:post_id>8</wp:post_id><wp:post_date><![CDATA[2017-01-01 00:00:00]]></wp:post_date>
  <wp:post_name><![CDATA[]]></wp:post_name><wp:status><![CDATA[draft]]></wp:status>
  <wp:post_type><![CDATA[post]]></wp:post_type></item>
<item><title>Binned</title><content:encoded><![CDATA[<p>x</p>]]></content:encoded><wp:post_id>9</wp:post_id>
  <wp:status><![CDATA[trash]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>
<item><title>photo.jpg</title><wp:post_id>10</wp:post_id><wp:status><![CDATA[inherit]]></wp:status>
  <wp:post_type><![CDATA[attachment]]></wp:post_type></item>
<item><title>Contact</title><content:encoded><![CDATA[<p>Write to me.</p>]]></content:encoded>
  <wp:post_id>11</wp:post_id>
  <wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[page]]></wp:post_type>
  <wp:post_name><![CDATA[contact]]></wp:post_name></item>
</channel></rss>
"""


def test_wordpress(tmp_path: Path, lib: Path) -> None:
    source = tmp_path / "fieldnotes.WordPress.2024-01-01.xml"
    source.write_text(WXR, encoding="utf-8")
    report = import_archive(source, lib)
    meta, body = _read(lib / "WordPress" / "birds.md")
    assert (meta["title"], meta["status"], str(meta["finished"])) == ('Birds, & "other" things', "finished",
                                                                      "2016-04-02")
    assert meta["tags"] == ["Nature", "birds"] and meta["url"] == "https://notes.example/2016/04/birds/"
    assert body.startswith("A wren sang.  \nIt was early.\n\nThen a crow.[^1]\n\n> Quoth the raven.\n\n"
                           "```\nline one\n\nline three\n```")
    assert body.rstrip().endswith("[^1]: Probably a rook.") and "Share this" not in body and "wp:" not in body
    draft = _read(lib / "WordPress" / "half-a-thought.md")[0]
    assert draft["status"] == "draft" and "finished" not in draft
    assert sorted(p.name for p in report.written) == ["birds.md", "half-a-thought.md"]
    assert [s.name for s in report.plan.skipped] == ["Contact"]


def test_wordpress_entities_are_refused(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "laughs.xml"
    bad.write_text(WXR.replace("<rss", '<!DOCTYPE rss [<!ENTITY lol "lol">]>\n<rss', 1), encoding="utf-8")
    assert quill_main(["import", str(bad)]) == 1
    assert "entities" in capsys.readouterr().err and tree(lib) == {}


# -- Medium -----------------------------------------------------------------------------------------
def medium_post(title: str, subtitle: str, body: str, when: str | None, canonical: str) -> str:
    time_html = f'<time class="dt-published" datetime="{when}">x</time>' if when else ""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<article class="h-entry"><header><h1 class="p-name">{title}</h1></header>
<section data-field="subtitle" class="p-summary">{subtitle}</section>
<section data-field="body" class="e-content"><section name="a1" class="section section--body section--first">
<div class="section-divider"><hr class="section-divider"></div><div class="section-content"><div class="section-inner">
<h3 class="graf graf--h3 graf--leading graf--title">{title}</h3>
<h4 class="graf graf--h4 graf--subtitle">{subtitle}</h4>{body}</div></div></section></section>
<footer><p>By <a href="https://medium.com/@me" class="p-author h-card">Me</a> on {time_html}.</p>
<p><a href="{canonical}" class="p-canonical">Canonical link</a></p>
<p>Exported from <a href="https://medium.com">Medium</a> on May 1, 2024.</p></footer></article></body></html>"""


def test_medium(tmp_path: Path, lib: Path) -> None:
    path = tmp_path / "medium-export.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("README.html", "<p>Your Medium export</p>")
        zf.writestr("profile/profile.html", "<p>me</p>")
        zf.writestr("posts/2020-03-01_On-Rivers-1a2b3c4d5e6f.html", medium_post(
            "On Rivers", "Where water goes",
            '<p class="graf graf--p">Rivers <strong>bend</strong>.</p>'
            '<figure class="graf graf--figure"><img class="graf-image" src="https://cdn-images-1.medium.com/r.jpeg">'
            '<figcaption class="imageCaption">The Thames</figcaption></figure>'
            '<blockquote class="graf graf--blockquote">Slow down.</blockquote>',
            "2020-03-01T10:00:00.000Z", "https://medium.com/@me/on-rivers-1a2b3c4d5e6f?utm_source=x"))
        zf.writestr("posts/draft_Lakes-9f8e7d6c5b4a.html", medium_post(
            "Lakes", "", '<p class="graf graf--p">Still water.</p>', None, "https://medium.com/p/9f8e7d6c5b4a"))
    import_archive(path, lib)
    meta, body = _read(lib / "Medium" / "on-rivers.md")
    assert (meta["title"], meta["status"], str(meta["finished"]), meta["subtitle"]) == (
        "On Rivers", "finished", "2020-03-01", "Where water goes")
    assert meta["url"] == "https://medium.com/@me/on-rivers-1a2b3c4d5e6f"
    assert body == ("Rivers **bend**.\n\n![](https://cdn-images-1.medium.com/r.jpeg)\n\n*The Thames*\n\n"
                    "> Slow down.\n")
    draft = _read(lib / "Medium" / "lakes.md")[0]
    assert draft["status"] == "draft" and "url" not in draft
    with Library(lib) as library:
        library.scan()
        assert [p.title for p in library.backlog()] == ["On Rivers"]
