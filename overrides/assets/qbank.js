// Small behaviours of the question pages; no page may depend on them to be readable.
(function () {
  "use strict";

  // A reader arriving from search (Material highlights the terms after the page is
  // ready) sees the answer that matched: open every collapsed answer that holds a
  // highlighted term, as the highlights appear.
  function openHighlightedAnswers() {
    function openMarked() {
      document.querySelectorAll("details:not([open]) mark[data-md-highlight]").forEach(function (mark) {
        var details = mark.closest("details");
        while (details) {
          details.open = true;
          details = details.parentElement && details.parentElement.closest("details");
        }
      });
    }
    if (!/[?&]h=/.test(location.search)) return;
    var observer = new MutationObserver(openMarked);
    observer.observe(document.body, { childList: true, subtree: true });
    setTimeout(function () { observer.disconnect(); }, 3000);
    openMarked();
  }

  // A link to a question anchor inside a collapsed block opens that block.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && target.closest("details");
    if (details) details.open = true;
  }

  // Printed pages show every answer.
  var reopen = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      reopen.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    reopen.forEach(function (details) { details.open = false; });
    reopen = [];
  });

  // The language switch lands on the same question: carry the anchor in the URL, or
  // else the question the reader is looking at (Material marks it in the TOC).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    var active = document.querySelector(".md-nav--secondary .md-nav__link--active");
    var hash = location.hash || (active && active.hash) || "";
    link.href = link.href.split("#")[0] + hash;
  }, true);

  window.addEventListener("hashchange", openTarget);
  // Material emits document$ once its page is ready (and again after an instant
  // navigation, should that ever be turned on).
  document$.subscribe(function () {
    openTarget();
    openHighlightedAnswers();
  });
})();
