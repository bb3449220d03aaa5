"""What the browser tests share: the visited page that records requests and errors, axe."""

from __future__ import annotations

from helpers import ROOT

ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
MATH_PAGE = "topics/transformers.html"  # answers and formulas
LANG_PREFIX = {"zh": "", "en": "en/"}


class Visit:
    """A page that records every request and console error while a test drives it."""

    def __init__(self, browser: object, root: str, color_scheme: str = "light", width: int = 1280) -> None:
        self.root = root
        self.context = browser.new_context(color_scheme=color_scheme, viewport={"width": width, "height": 900})
        # generous: a topic page holds hundreds of answers, and CI machines are shared
        self.context.set_default_timeout(30000)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", self._failed)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _failed(self, request: object) -> None:
        # ERR_ABORTED: the page moved on before a request ended (the favicon, on a busy
        # machine), not a missing file (file:// fails with ERR_FILE_NOT_FOUND, HTTP with 404)
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"failed: {request.url} {request.failure}")

    def open(self, path: str) -> object:
        self.page.goto(self.root + path)
        self.page.wait_for_load_state("load")
        return self.page

    def check_clean(self) -> None:
        outside = [url for url in self.requests if not url.startswith(self.root) and not url.startswith("data:")]
        assert outside == [], outside
        assert self.errors == [], self.errors

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def mode(root: str) -> str:
    return "file" if root.startswith("file:") else "http"


def serious_violations(page: object, label: str) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{label}: {v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


OPEN_ALL = "() => document.querySelectorAll('details').forEach(d => d.open = true)"


def open_every_answer(page: object) -> None:
    """Every <details> open, the answers' bodies in (answers on demand: they arrive when an
    answer opens) and the originals inside them open too."""
    page.evaluate(OPEN_ALL)
    page.wait_for_function("() => !document.querySelector('.qb-lazy')")
    page.evaluate(OPEN_ALL)


def print_with_keyboard(page: object) -> None:
    """Ctrl+P as a reader presses it (qbank.js brings every answer in, then prints), the
    print dialog stubbed; then the page in print media."""
    page.evaluate("() => { window.qbPrinted = false; window.print = () => { window.qbPrinted = true; }; }")
    page.keyboard.press("Control+P")
    page.wait_for_function("() => window.qbPrinted")
    page.emulate_media(media="print")


def switch_language(page: object, lang: str) -> None:
    """The header's language menu, hovered open and its link clicked once the menu has slid
    fully in: clicked while it still slides, Playwright scrolls the page to reach the link
    (seen on a busy machine), and the page is no longer where the reader left it."""
    page.locator(".md-header__option .md-select").hover()
    page.wait_for_function(
        "() => { const menu = document.querySelector('.md-header__option .md-select__inner');"
        " return getComputedStyle(menu).opacity === '1' && !menu.getAnimations().length; }",
        polling="raf",
    )
    page.locator(f"a.md-select__link[hreflang='{lang}']").click()
    page.wait_for_load_state("load")
