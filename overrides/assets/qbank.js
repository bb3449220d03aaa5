// Small behaviours of the question pages; no page may depend on them to be readable.
(function () {
  "use strict";

  // The element the address's anchor names, if any.
  function hashTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  // A reader arriving from search (Material highlights the terms after the page is
  // ready) sees the answer that matched: open every collapsed answer that holds a
  // highlighted term, as the highlights appear. The answers opening above the question
  // the reader came for push it down, and the browser's scroll anchoring may follow the
  // wrong one: back to it, unless they moved.
  function openHighlightedAnswers() {
    var moved = false;
    function openMarked() {
      var opened = false;
      document.querySelectorAll("details:not([open]) mark[data-md-highlight]").forEach(function (mark) {
        var details = mark.closest("details");
        while (details) {
          details.open = opened = true;
          details = details.parentElement && details.parentElement.closest("details");
        }
      });
      var target = hashTarget();
      if (opened && target && !moved) target.scrollIntoView();
    }
    if (!/[?&]h=/.test(location.search)) return;
    ["wheel", "touchmove", "keydown", "mousedown"].forEach(function (type) {
      window.addEventListener(type, function () { moved = true; }, { once: true, passive: true });
    });
    document.documentElement.classList.add("qb-search-hit"); // closed answers rendered (qbank.css)
    var observer = new MutationObserver(openMarked);
    observer.observe(document.body, { childList: true, subtree: true });
    // Material highlights once the search index is in: the answers must be there first
    var fillFirst = hasSlots() ? fillAll() : Promise.resolve();
    fillFirst.catch(function () {}).then(function () {
      setTimeout(function () { observer.disconnect(); }, 3000);
      if (window.qbankOpenSearch) window.qbankOpenSearch();
    });
    openMarked();
  }

  // Answers on demand (scripts/qbank/answer_bodies.py): a topic page comes with the
  // answers' captions; their bodies are one data script, loaded once the reader reaches for
  // an answer (a pointer or focus on its caption, opening it) or for all of them (a search
  // hit, printing or finding with the keyboard), and put in as each answer opens.
  var loading = null;
  var bodies = null; // once the data script is in

  function hasSlots() { return !!document.querySelector(".qb-lazy[data-qb-body]"); }

  function loadAnswers() {
    // the page's interface data come after this script (partials/qbank-scripts.html)
    var ui = document.getElementById("qb-ui");
    var src = ui && ui.getAttribute("data-answers");
    if (!src || !hasSlots()) return Promise.resolve();
    if (!loading) {
      var name = "answers:" + src.split("/").pop().replace(/\.js$/, "");
      loading = window.qbankProgress.data(name, src).then(function (data) {
        window.qbankProgress.addGlyphs(data.glyphs); // those only the bodies' formulas use
        bodies = data.bodies;
      });
      loading.catch(function () { loading = null; }); // a later reach tries again
    }
    return loading;
  }

  function fill(slot) {
    var body = document.createRange().createContextualFragment(bodies[+slot.getAttribute("data-qb-body")]);
    // Material wraps the content's tables in a box that scrolls sideways, once, on load
    body.querySelectorAll("table:not([class])").forEach(function (table) {
      var wrap = document.createElement("div");
      wrap.className = "md-typeset__scrollwrap";
      wrap.innerHTML = '<div class="md-typeset__table"></div>';
      table.replaceWith(wrap);
      wrap.firstChild.appendChild(table);
    });
    slot.replaceWith(body);
  }

  function fillLoaded(root) {
    if (!bodies) return;
    root.querySelectorAll(".qb-lazy[data-qb-body]").forEach(fill);
    nameTableBoxes();
  }

  function fillIn(root) { return loadAnswers().then(function () { fillLoaded(root); }); }

  function fillAll() { return fillIn(document); }

  function reachFor(event) {
    var summary = event.target.closest && event.target.closest("summary");
    if (summary && summary.parentElement.querySelector(":scope > .qb-lazy")) loadAnswers();
  }
  document.addEventListener("pointerover", reachFor, { passive: true });
  document.addEventListener("touchstart", reachFor, { passive: true });
  document.addEventListener("focusin", reachFor);
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.open) return;
    if (details.querySelector(":scope > .qb-lazy")) fillIn(details).then(function () { focusableCode(details); });
    else focusableCode(details);
  }, true);

  // As Material does for the code it finds on load: a block that scrolls sideways can be
  // reached by keyboard (where there is a pointer that hovers, as Material decides).
  function focusableCode(root) {
    if (!matchMedia("(hover)").matches) return;
    root.querySelectorAll("pre > code:not([tabindex])").forEach(function (code) {
      if (code.scrollWidth > code.clientWidth) code.tabIndex = 0;
    });
  }
  // Ctrl+P prints, Ctrl+F finds, only once every answer is in
  document.addEventListener("keydown", function (event) {
    var key = event.key && event.key.toLowerCase();
    if (!(event.ctrlKey || event.metaKey) || !hasSlots()) return;
    if (key === "f") fillAll();
    if (key === "p") {
      event.preventDefault();
      fillAll().then(function () { window.print(); });
    }
  });

  // A link to a question anchor inside a collapsed block opens that block.
  function openTarget() {
    var target = hashTarget();
    var details = target && target.closest("details");
    if (details) details.open = true;
  }

  // Printed pages show every answer (qbank.css does the same for print previews); an
  // original stays out unless the reader opened it.
  // Printed from the browser's menu before the answers were loaded: a slot says so.
  var reopen = [];
  window.addEventListener("beforeprint", function () {
    if (bodies) {
      fillLoaded(document);
    } else if (hasSlots()) {
      document.querySelectorAll(".qb-lazy[data-qb-body]:empty").forEach(function (slot) {
        slot.textContent = window.qbankProgress.text("answers_not_loaded");
      });
      fillAll();
    }
    document.querySelectorAll("details:not([open]):not(.quote)").forEach(function (details) {
      details.open = true;
      reopen.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    reopen.forEach(function (details) { details.open = false; });
    reopen = [];
  });

  // The question being read: the last one whose heading has reached the top of the
  // window, just below the header (the reader may have scrolled away from the address's
  // anchor; a heading reached by its anchor sits a little lower, Material's scroll margin).
  function questionInView() {
    var current = null;
    var header = document.querySelector(".md-header");
    var line = (header ? header.getBoundingClientRect().bottom : 0) + 48;
    document.querySelectorAll("h2.qb-question[id]").forEach(function (heading) {
      if (heading.getBoundingClientRect().top <= line) current = heading;
    });
    return current;
  }

  // The language switch lands on the same question (both languages share its id), or
  // else on the anchor of the address.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    var question = questionInView();
    var hash = question ? "#" + question.id : location.hash;
    link.href = link.href.split("#")[0] + hash;
  }, true);

  // "Report an error" on every question, as a prefilled issue of the site's repository
  // (only when the build knows the repository: a local build shows none).
  var REPORT = { zh: "报告错误", en: "Report an error" };
  var REPORT_BODY = {
    zh: "题目 id：{id}\n页面：{url}\n\n哪里有错（题目、题库答案还是编者答案？）：\n",
    en: "Question id: {id}\nPage: {url}\n\nWhat is wrong (the question, the collection's answer or the editor's answer?):\n",
  };
  function addReportLinks() {
    var meta = document.querySelector('meta[name="qbank:repo"]');
    if (!meta) return;
    var lang = document.documentElement.lang === "en" ? "en" : "zh";
    document.querySelectorAll("h2.qb-question").forEach(function (heading) {
      var badges = heading.nextElementSibling;
      if (!badges || !badges.classList.contains("qb-badges") || badges.querySelector(".qb-report")) return;
      var page = location.href.split("#")[0] + "#" + heading.id;
      var title = "[" + heading.id + "] " + heading.textContent.replace(/\u2060?¶$/, "").trim();
      var body = REPORT_BODY[lang].replace("{id}", heading.id).replace("{url}", page);
      var link = document.createElement("a");
      link.className = "qb-report";
      link.textContent = REPORT[lang];
      link.rel = "noopener";
      link.target = "_blank";
      link.href = meta.content.replace(/\/$/, "") + "/issues/new?title=" + encodeURIComponent(title) +
        "&body=" + encodeURIComponent(body);
      badges.appendChild(link);
    });
  }

  // Material wraps each table in a box that scrolls sideways on a phone: a keyboard has
  // to reach it and a screen reader to name it (axe: scrollable-region-focusable). Wide
  // formulas get the same at build time (scripts/qbank/mathsvg.py).
  var TABLE = { zh: "表格", en: "Table" };
  function nameTableBoxes() {
    var lang = document.documentElement.lang === "en" ? "en" : "zh";
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      box.tabIndex = 0;
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", TABLE[lang]);
    });
  }

  window.addEventListener("hashchange", openTarget);
  // Material emits document$ once its page is ready (and again after an instant
  // navigation, should that ever be turned on).
  document$.subscribe(function () {
    nameTableBoxes();
    addReportLinks();
    openTarget();
    openHighlightedAnswers();
  });
})();
