"""Pure text functions: language detection, bilingual titles, safe Markdown, stable ids."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# Pieces of Markdown that are never rewritten: code spans, math, autolinks, link targets.
_PROTECTED = re.compile(
    r"(?P<code>(`+).+?\2)"
    r"|(?P<dmath>\$\$.+?\$\$)"
    r"|(?P<imath>\$[^$\s](?:[^$\n]*?[^$\s\\])?\$)"
    r"|(?P<autolink><https?://[^>\s]+>)"
    r"|(?P<target>\]\((?P<url>[^)\s]*)\))",
    re.S,
)
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_BARE_URL = re.compile(r"(?<![\w/(\[<])https?://[^\s<>()\[\]（），。；、“”‘’]+")
_PLAIN_KEEP = re.compile(r"\$\$.+?\$\$|" + _BARE_URL.pattern, re.S)
_URL_TRAILING = ".,;:!?'\"*"
_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.I)
_TEX_DISPLAY = re.compile(r"\\\[(.+?)\\\]", re.S)
_TEX_INLINE = re.compile(r"\\\((.+?)\\\)", re.S)
_PLAIN_SPECIALS = re.compile(r"([\\`*_\]|])")  # not "[": a backslash before it would open display math
_LINE_START_MARKERS = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.M)
_NUMBERING = re.compile(r"^\s*\d+(\.\d+)*[.、)]?\s*")
_NON_WORD = re.compile(r"[\W_]+")
_BILINGUAL_TAIL = re.compile(r"^(?P<zh>.*?)\s*[（(](?P<en>[^()（）]*)[)）](?P<q>[?？]?)\s*$")


def has_han(text: str) -> bool:
    """True when the text holds Chinese characters (not just full-width punctuation)."""
    return bool(HAN.search(text))


def split_bilingual(title: str) -> tuple[str | None, str | None]:
    """Split ``中文标题 (English title)?`` into its Chinese and English halves.

    A title without Chinese characters is English only; a Chinese title without a
    trailing English parenthesis is Chinese only. A trailing ``?`` belongs to both.
    """
    if not has_han(title):
        return None, title
    match = _BILINGUAL_TAIL.match(title)
    if not match or has_han(match["en"]) or not has_han(match["zh"]):
        return title, None
    mark = match["q"]
    zh = match["zh"].rstrip() + ("？" if mark else "")
    en = match["en"].strip() + ("?" if mark and not match["en"].rstrip().endswith("?") else "")
    return zh, en


def escape_plain(text: str) -> str:
    """Make plain text (e.g. the inside of an HTML block) read as itself in Markdown.

    Bare URLs become autolinks and ``$$..$$`` stays math (as MathJax reads it in HTML);
    everything else that Markdown would interpret is escaped.
    """
    out: list[str] = []
    pos = 0
    for match in _PLAIN_KEEP.finditer(text):
        out.append(_escape_prose(text[pos : match.start()]))
        out.append(match[0] if match[0].startswith("$") else _autolink(match))
        pos = match.end()
    out.append(_escape_prose(text[pos:]))
    return _LINE_START_MARKERS.sub(lambda m: m[1] + "\\" + m[2], "".join(out))


def _escape_prose(prose: str) -> str:
    return _PLAIN_SPECIALS.sub(r"\\\1", prose).replace("<", "&lt;").replace("$", "\\$")


def _sanitize_prose(prose: str) -> str:
    prose = _TAG_START.sub("&lt;", prose)
    return _BARE_URL.sub(_autolink, prose)


def _autolink(match: re.Match[str]) -> str:
    url = match[0]
    stripped = url.rstrip(_URL_TRAILING)
    return f"<{stripped}>{url[len(stripped) :]}"


def _protect(match: re.Match[str]) -> str:
    url = match["url"]
    if url is not None and _UNSAFE_SCHEME.match(url):
        return f"] (`{url}`)"
    return match[0]


def sanitize_markdown(text: str) -> str:
    """Return Markdown that cannot inject HTML or script, with bare URLs as links.

    Tag-like ``<`` becomes ``&lt;`` (so ``<script>`` and ``on*=`` attributes are text),
    ``javascript:``/``data:`` link targets become code, ``\\[..\\]``/``\\(..\\)`` become
    the site's ``$$..$$``/``$..$``. Code spans and math are left exactly as written.
    """
    text = _TEX_DISPLAY.sub(lambda m: f"$${m[1]}$$", text)
    text = _TEX_INLINE.sub(lambda m: f"${m[1].strip()}$", text)
    out: list[str] = []
    pos = 0
    for match in _PROTECTED.finditer(text):
        out.append(_sanitize_prose(text[pos : match.start()]))
        out.append(_protect(match))
        pos = match.end()
    out.append(_sanitize_prose(text[pos:]))
    return "".join(out)


def normalize_text(text: str, *, drop_numbering: bool = False) -> str:
    """Case, width, spacing and punctuation folded away: what a text *says*.

    The one normaliser for ids, headings and matching; ``drop_numbering`` also removes a
    leading "3.", "2.1" or "4、" (headings are matched whatever their numbering).
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    if drop_numbering:
        text = _NUMBERING.sub("", text)
    return _NON_WORD.sub("", text)


def short_hash(*parts: str, length: int = 7) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:length]


def text_hash(text: str | None) -> str:
    """A short fingerprint of an original text, to tell when a translation is stale."""
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()[:10]


def first_line(markdown: str) -> str:
    return markdown.strip().split("\n", 1)[0].strip()


_LIST_MARKER = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d+[.)])(?P<gap> +|$)")
_FENCE = re.compile(r"^(?P<indent> *)(```|~~~)")


def python_markdown_lists(text: str) -> str:
    """Re-indent list items written the CommonMark way for Python-Markdown.

    CommonMark continues a list item at its content column (2 spaces after "- ", 3 after
    "1. "); Python-Markdown wants 4 spaces a level, or a ``$$`` block, a code fence or a
    nested list inside an item falls out of it. Text already indented by 4 is unchanged.
    A ``$$`` block on lines of its own also gets the blank lines around it that
    Python-Markdown needs to see a block (CommonMark-minded authors leave them out).
    """
    return _blank_lines_around_display_math(_reindent_lists(text))


def _blank_lines_around_display_math(text: str) -> str:
    out: list[str] = []
    in_math = in_fence = just_closed = False
    for line in text.split("\n"):
        stripped = line.strip()
        if just_closed and stripped:
            out.append("")
        just_closed = False
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and not in_math and stripped.startswith("$$"):
            if out and out[-1].strip():
                out.append("")
            in_math = not (len(stripped) > 2 and stripped.endswith("$$"))
            just_closed = not in_math
        elif in_math and stripped.endswith("$$"):
            in_math, just_closed = False, True
        out.append(line)
    return "\n".join(out)


def _reindent_lists(text: str) -> str:
    items: list[tuple[int, int]] = []  # open items: (CommonMark content column, Python-Markdown's)
    out: list[str] = []
    fence_shift: int | None = None
    fence_indent = 0
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        if fence_shift is not None:  # inside a code fence: move it as a whole
            out.append(" " * fence_shift + line if fence_shift > 0 and line.strip() else line)
            if _FENCE.match(line) and indent <= fence_indent:
                fence_shift = None
            continue
        if not line.strip():
            out.append(line)
            continue
        while items and indent < items[-1][0] and indent < items[-1][1]:
            items.pop()
        new_indent = indent if not items else items[-1][1] + max(0, indent - max(items[-1]))
        if _FENCE.match(line):
            fence_indent, fence_shift = indent, new_indent - indent
        elif (marker := _LIST_MARKER.match(line)) is not None:
            content = indent + len(marker["marker"]) + max(1, len(marker["gap"]))
            items.append((content, new_indent + 4))
        out.append(" " * new_indent + line.lstrip(" "))
    return "\n".join(out)
