"""Post HTML to markdown: markdownify does the converting, Quill's rules drop the furniture.

Why markdownify (on BeautifulSoup): it converts nested lists, tables, code with its language
and block quotes faithfully, it is small and pure Python (easy to bundle), and it converts a
*parsed tree*, so the platform rules below work on the same parse instead of on regular
expressions over HTML. Compared with html2text (hard-wraps lines, loses table structure, code
becomes indented blocks without a language) and html-to-markdown (fast, but a 22 MB native
module and it leaked formatting across a table in our sample), it was the most faithful.

The rules, applied to the tree before converting:
- furniture goes: subscribe/share buttons and widgets, "Thanks for reading" boxes, scripts,
  Ghost signup cards, WordPress share/related-post blocks, Medium's export header and footer;
- ``utm_*`` tracking parameters are removed from every link and image;
- footnote anchors become ``[^n]`` and footnote bodies ``[^n]: …`` at the end (Substack's
  ``footnote-anchor``/``div.footnote`` and the common ``.footnotes`` list of pandoc and others);
- a figure becomes ``![alt](src)`` with its caption kept as an italic line below it;
- embedded posts and tweets become their text with a link, videos and iframes a link.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import MarkdownConverter

# Private-use characters: never in real text, never escaped by the converter.
_REF_OPEN, _REF_CLOSE = "\ue000", "\ue001"
_REF = re.compile(f"{_REF_OPEN}([^{_REF_CLOSE}]*){_REF_CLOSE}")

#: class names (exact, or as a prefix) of elements that are platform furniture, not writing
FURNITURE_CLASSES = (
    "subscription-widget", "subscribe-widget", "subscription-widget-wrap", "subscription-widget-wrap-editor",
    "install-substack-app", "paywall", "post-ufi", "share-dialog", "community-chat", "digest-post-embed-cta",
    "kg-signup-card", "kg-cta-card", "kg-button-card", "kg-email-cta",
    "sharedaddy", "sd-sharing-enabled", "jp-relatedposts", "wp-block-jetpack-subscriptions",
    "wp-block-jetpack-sharing-buttons", "wp-block-social-links",
)
_FURNITURE = re.compile(r"^(?:" + "|".join(re.escape(c) for c in FURNITURE_CLASSES) + r")(?:-|$)")
_FURNITURE_BUTTON = re.compile(r"subscribe|share|comment|/app\b|sign ?up|upgrade|pledge", re.IGNORECASE)
_THANKS = re.compile(r"^\s*thanks for reading\b.*\bsubscribe", re.IGNORECASE | re.DOTALL)
_DROP_TAGS = ("script", "style", "noscript", "form", "button", "svg", "template", "source")


def strip_tracking(url: str) -> str:
    """The URL without ``utm_*`` query parameters (everything else, fragment included, is kept)."""
    if "utm_" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith("utm_")]
    return urlunsplit(parts._replace(query=urlencode(query)))


class _Converter(MarkdownConverter):
    """markdownify with ATX headings, '-' bullets and the code block's language kept."""

    def __init__(self) -> None:
        super().__init__(heading_style="ATX", bullets="-", code_language_callback=_code_language,
                         strip_document="strip", escape_misc=False)

    def convert_td(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return super().convert_td(el, text.replace("|", "\\|"), parent_tags)  # a bare | would split the cell

    def convert_th(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return super().convert_th(el, text.replace("|", "\\|"), parent_tags)


def _code_language(el: Tag) -> str:
    for node in (el, el.find("code")):
        if isinstance(node, Tag):
            for cls in node.get("class") or []:
                if cls.startswith(("language-", "lang-")):
                    return cls.split("-", 1)[1]
    return ""


_CONVERTER: _Converter | None = None


def _converter() -> _Converter:
    global _CONVERTER
    if _CONVERTER is None:
        _CONVERTER = _Converter()
    return _CONVERTER


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def convert(html: str | Tag) -> str:
    """Markdown for a post body (an HTML string or an already cleaned tree)."""
    soup = parse(html) if isinstance(html, str) else html
    notes = clean(soup)
    text = _converter().convert_soup(soup)
    text = _REF.sub(lambda m: f"[^{m.group(1)}]", text)
    text = tidy(text)
    if notes:
        text = text + "\n\n" + "\n\n".join(notes) if text else "\n\n".join(notes)
    return text


def tidy(text: str) -> str:
    """Collapse runs of blank lines the converter leaves between blocks (two trailing spaces are a
    line break in markdown, so only lines of nothing but spaces are emptied)."""
    text = re.sub(r"(?m)^[ \t]+$", "", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def clean(soup: BeautifulSoup | Tag) -> list[str]:
    """Apply the furniture rules to ``soup`` in place; returns the footnote definitions (markdown)."""
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_furniture):
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(["a", "img"]):
        attr = "href" if tag.name == "a" else "src"
        if tag.get(attr):
            tag[attr] = strip_tracking(str(tag[attr]))
    _embeds(soup)
    _figures(soup)
    return _footnotes(soup)


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class") or []
    return value if isinstance(value, list) else str(value).split()


def _is_furniture(tag: Tag) -> bool:
    if any(_FURNITURE.match(c) for c in _classes(tag)):
        return True
    if "button-wrapper" in _classes(tag) or (tag.name == "a" and "button" in _classes(tag)):
        return bool(_FURNITURE_BUTTON.search(tag.get_text(" ") + " " + str(tag.get("data-attrs", ""))))
    return bool(tag.name in ("p", "div") and _THANKS.match(tag.get_text(" ")) and len(tag.get_text()) < 300)


def _attrs(tag: Tag) -> dict:
    try:
        data = json.loads(str(tag.get("data-attrs") or "{}"))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _replace_with_markdownish(soup: BeautifulSoup | Tag, tag: Tag, text: str, url: str, label: str) -> None:
    """Put a block quote of ``text`` and a link ``label`` → ``url`` where ``tag`` was."""
    holder = BeautifulSoup("", "html.parser")
    quote = holder.new_tag("blockquote")
    for para in [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]:
        p = holder.new_tag("p")
        p.string = para.strip()
        quote.append(p)
    link_p = holder.new_tag("p")
    if url:
        a = holder.new_tag("a", href=strip_tracking(url))
        a.string = label or url
        link_p.append(a)
    elif label:
        link_p.string = label
    if quote.contents:
        if link_p.contents:
            quote.append(link_p)
        tag.replace_with(quote)
    elif link_p.contents:
        tag.replace_with(link_p)
    else:
        tag.decompose()


def _embeds(soup: BeautifulSoup | Tag) -> None:
    """Embedded posts and tweets: their text and a link; videos and iframes: a link."""
    for tag in soup.find_all(class_=["embedded-post-wrap", "tweet", "twitter-tweet", "substack-post-embed"]):
        if tag.decomposed:
            continue
        data = _attrs(tag)
        if "tweet" in _classes(tag) or "twitter-tweet" in _classes(tag):
            text = str(data.get("full_text") or "")
            url = str(data.get("url") or "")
            who = data.get("username") or data.get("name") or ""
            if not text:  # a rendered tweet: keep what it says, link to it
                links = [a.get("href") for a in tag.find_all("a") if "status" in str(a.get("href", ""))]
                url = url or (str(links[-1]) if links else "")
                text = tag.get_text("\n").strip()
            label = f"— @{who} on Twitter" if who else "Tweet"
            _replace_with_markdownish(soup, tag, text, url, label)
        else:
            url = str(data.get("url") or "")
            if not url:
                found = tag.find("a", href=True)
                url = str(found["href"]) if found else ""
            title = str(data.get("title") or "") or (tag.find(["h1", "h2", "h3", "h4"]) or tag).get_text(" ").strip()
            text = str(data.get("truncated_body_text") or data.get("description") or "")
            _replace_with_markdownish(soup, tag, text, url, title or url)
    for tag in soup.find_all(class_=["youtube-wrap", "vimeo-wrap"]):
        data = _attrs(tag)
        vid = data.get("videoId") or data.get("video_id")
        url = f"https://www.youtube.com/watch?v={vid}" if vid and "youtube" in " ".join(_classes(tag)) else ""
        if not url and vid:
            url = f"https://vimeo.com/{vid}"
        _replace_with_markdownish(soup, tag, "", url, "Video" if url else "")
    for tag in soup.find_all("iframe"):
        src = str(tag.get("src") or "")
        _replace_with_markdownish(soup, tag, "", src, tag.get("title") or "Embedded content")


def _figures(soup: BeautifulSoup | Tag) -> None:
    """A figure (or Substack's captioned image) becomes an image paragraph and its caption."""
    for figure in soup.find_all("figure"):
        if figure.decomposed:
            continue
        img = figure.find("img")
        caption = figure.find("figcaption")
        if img is None:
            if caption is not None:
                caption.name = "p"
            figure.unwrap()
            continue
        holder = BeautifulSoup("", "html.parser")
        para = holder.new_tag("p")
        new_img = holder.new_tag("img", src=strip_tracking(str(img.get("src") or "")))
        new_img["alt"] = str(img.get("alt") or "")
        para.append(new_img)
        if caption is not None and caption.get_text(strip=True):
            cap = holder.new_tag("p")
            em = holder.new_tag("em")
            for child in list(caption.contents):
                em.append(child.extract())
            cap.append(em)
            figure.insert_after(cap)
        figure.replace_with(para)
    for wrapper in soup.find_all(class_=["captioned-image-container", "image-link", "image2-inset",
                                         "kg-image-card", "wp-block-image"]):
        if not wrapper.decomposed:
            wrapper.unwrap()


def _note_label(text: str, fallback: int) -> str:
    label = re.sub(r"[^A-Za-z0-9-]+", "", text)
    return label or str(fallback)


def _footnotes(soup: BeautifulSoup | Tag) -> list[str]:
    """Turn footnote anchors into placeholders and collect the footnote bodies as markdown."""
    bodies: dict[str, Tag] = {}  # target id -> the element holding the note's text
    labels: dict[str, str] = {}  # target id -> label
    # Substack: <div class="footnote"><a id="footnote-1" class="footnote-number">1</a>
    #           <div class="footnote-content">…</div></div>
    for div in soup.find_all("div", class_="footnote"):
        number = div.find("a", class_="footnote-number")
        content = div.find(class_="footnote-content") or div
        if number is not None and number.get("id"):
            target = str(number["id"])
            labels[target] = _note_label(number.get_text(), len(labels) + 1)
            number.decompose()
            bodies[target] = content
            bodies[target + "\0wrapper"] = div
    # pandoc, markdown-it, WordPress plugins: <section|ol|div class="footnotes"> <li id="fn1">…</li>
    for container in soup.find_all(class_=["footnotes", "footnote-list", "easy-footnotes-wrapper"]):
        for li in container.find_all("li", id=True):
            target = str(li["id"])
            labels[target] = _note_label(re.sub(r"^(fn|footnote)[-:_]?", "", target), len(labels) + 1)
            for back in li.find_all("a", href=True):
                if str(back["href"]).startswith("#") and (
                        "footnote-back" in _classes(back) or "reversefootnote" in _classes(back)
                        or back.get_text(strip=True) in ("↩", "↩︎", "^", "↑")):
                    back.decompose()
            li.name = "div"  # the note's text, not a list item
            bodies[target] = li
        bodies[f"{id(container)}\0wrapper"] = container
    if not labels:
        return []
    used: list[str] = []
    for anchor in soup.find_all("a", href=True):
        href = str(anchor["href"])
        target = href.split("#", 1)[1] if "#" in href else ""
        if target in labels and target in bodies:
            ref = NavigableString(f"{_REF_OPEN}{labels[target]}{_REF_CLOSE}")
            parent = anchor.parent
            if isinstance(parent, Tag) and parent.name == "sup" and len(parent.get_text(strip=True)) == len(
                    anchor.get_text(strip=True)):
                parent.replace_with(ref)
            else:
                anchor.replace_with(ref)
            if target not in used:
                used.append(target)
    notes: list[str] = []
    for target in [*used, *(t for t in labels if t not in used)]:
        body = bodies[target]
        body.extract()
        text = tidy(_converter().convert_soup(body) if isinstance(body, BeautifulSoup) else
                    _converter().convert(str(body)))
        text = _REF.sub(lambda m: f"[^{m.group(1)}]", text)
        lines = text.split("\n")
        indented = "\n".join(lines[:1] + [("    " + line) if line else "" for line in lines[1:]])
        notes.append(f"[^{labels[target]}]: {indented}")
    for key, wrapper in list(bodies.items()):
        if key.endswith("\0wrapper") and not wrapper.decomposed and wrapper.parent is not None:
            wrapper.decompose()
    return notes
