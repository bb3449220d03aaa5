// Topic pages: my state per question, progress, filters kept in the URL query, expand /
// collapse all. The home page: progress per topic and group. Uses the store of
// overrides/assets/progress.js; the pages stay readable without it.
(function () {
  "use strict";
  var P = window.qbankProgress;
  if (!P) return;
  var t = P.text;
  var STATES = ["new", "learning", "known"];
  // What marking a question records: "known" is a review graded Good, "learning" one
  // graded Again, so the scheduler and the practice page agree with the topic page.
  var MARK_GRADE = { learning: 1, known: 3 };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // --- topic pages --------------------------------------------------------------------
  function questionsOfPage() {
    return Array.prototype.map.call(document.querySelectorAll("article h2.qb-question"), function (heading) {
      var parts = [heading];
      var next = heading.nextElementSibling;
      while (next && next.tagName !== "H2") {
        parts.push(next);
        next = next.nextElementSibling;
      }
      return {
        id: heading.id, heading: heading, parts: parts,
        title: heading.textContent.replace(/¶$/, "").trim(),
        facets: {
          difficulty: heading.dataset.difficulty || "",
          stars: heading.dataset.stars || "0",
          source: heading.dataset.source || "",
        },
      };
    });
  }

  function stateFacet(question) {
    return P.stateOf(question.id);
  }
  function dueFacet(question) {
    return P.isDue(question.id, new Date()) ? "due" : "";
  }
  var GROUPS = [
    { name: "difficulty", legend: "difficulty", value: function (q) { return q.facets.difficulty; },
      options: [["E", "difficulty_E"], ["M", "difficulty_M"], ["H", "difficulty_H"], ["", "no_difficulty"]] },
    { name: "stars", legend: "stars", value: function (q) { return q.facets.stars; },
      options: [5, 4, 3, 2, 1, 0].map(function (n) { return [String(n), n ? "★".repeat(n) : "no_stars"]; }) },
    { name: "source", legend: "collections", value: function (q) { return q.facets.source; }, options: [] },
    { name: "state", legend: "my_state", value: stateFacet,
      options: [["new", "state_new"], ["learning", "state_learning"], ["known", "state_known"]] },
    { name: "due", legend: "state_due", value: dueFacet, options: [["due", "state_due"]] },
  ];

  function readQuery() {
    var params = new URLSearchParams(location.search);
    var chosen = {};
    GROUPS.forEach(function (g) {
      var raw = params.get(g.name);
      chosen[g.name] = raw === null ? [] : raw.split(",");
    });
    return chosen;
  }
  function writeQuery(chosen) {
    var params = new URLSearchParams(location.search);
    GROUPS.forEach(function (g) {
      if (chosen[g.name].length) params.set(g.name, chosen[g.name].join(","));
      else params.delete(g.name);
    });
    var query = params.toString().replace(/%2C/g, ",");
    var address = location.pathname + (query ? "?" + query : "") + location.hash;
    // unchanged (as on every page load): replacing the entry would cost a task for nothing
    if (address !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", address);
  }

  function matches(question, chosen, except) {
    return GROUPS.every(function (g) {
      return g.name === except || !chosen[g.name].length || chosen[g.name].indexOf(g.value(question)) >= 0;
    });
  }

  function setupTopicPage() {
    var questions = questionsOfPage();
    // the page brings the tools' frame (overrides/partials/qbank-tools.html): filled in here
    var tools = document.querySelector("article .qb-tools");
    if (!questions.length || !tools) return;
    var sourceNames = {};
    questions.forEach(function (q) {
      var link = q.heading.nextElementSibling && q.heading.nextElementSibling.querySelector(".qb-source");
      if (link) sourceNames[q.facets.source] = link.textContent;
    });
    GROUPS[2].options = Object.keys(sourceNames).sort().map(function (id) { return [id, null, sourceNames[id]]; });

    var progress = tools.querySelector(".qb-progress");
    var box = tools.querySelector(".qb-filter-box");
    var shown = tools.querySelector(".qb-shown");
    var notices = element("div", "qb-notices");
    P.showNotices(notices);
    if (notices.firstChild) tools.insertBefore(notices, box);
    var form = element("form", "qb-filters");
    form.setAttribute("aria-label", t("filters"));
    var inputs = {};
    var countSpans = {};
    GROUPS.forEach(function (g) {
      var present = g.options.filter(function (o) {
        return g.name === "state" || g.name === "due" || questions.some(function (q) { return g.value(q) === o[0]; });
      });
      if (present.length < 2 && g.name !== "due") return;
      var fieldset = element("fieldset");
      fieldset.appendChild(element("legend", "", t(g.legend)));
      present.forEach(function (o) {
        var label = element("label", "qb-check");
        var input = element("input");
        input.type = "checkbox";
        input.name = g.name;
        input.value = o[0];
        label.appendChild(input);
        var name = o[2] || (o[1] && o[1].indexOf("★") === 0 ? o[1] : t(o[1]));
        label.appendChild(document.createTextNode(" " + name + " "));
        var count = element("span", "qb-count");
        label.appendChild(count);
        fieldset.appendChild(label);
        inputs[g.name + ":" + o[0]] = input;
        countSpans[g.name + ":" + o[0]] = count;
      });
      form.appendChild(fieldset);
    });
    // The filters fold away (long on a phone); open when the URL already filters.
    box.appendChild(form);
    function tool(name) { return tools.querySelector("[data-qb-tool='" + name + "']"); }

    var chosen = readQuery();
    Object.keys(inputs).forEach(function (key) {
      var parts = key.split(":");
      inputs[key].checked = chosen[parts[0]].indexOf(parts[1]) >= 0;
      if (inputs[key].checked) box.open = true;
    });

    function chosenFromForm() {
      var out = {};
      GROUPS.forEach(function (g) { out[g.name] = []; });
      Object.keys(inputs).forEach(function (key) {
        if (inputs[key].checked) out[key.split(":")[0]].push(inputs[key].value);
      });
      return out;
    }
    function apply() {
      chosen = chosenFromForm();
      var visible = 0;
      questions.forEach(function (q) {
        var show = matches(q, chosen);
        visible += show ? 1 : 0;
        q.parts.forEach(function (part) { part.hidden = !show; });
        if (q.tocEntry) q.tocEntry.hidden = !show;
      });
      Object.keys(countSpans).forEach(function (key) {
        var parts = key.split(":");
        var group = GROUPS.filter(function (g) { return g.name === parts[0]; })[0];
        var n = questions.filter(function (q) { return matches(q, chosen, group.name) && group.value(q) === parts[1]; }).length;
        countSpans[key].textContent = "(" + n + ")";
      });
      shown.textContent = t("showing", { shown: visible, total: questions.length });
      writeQuery(chosen);
    }
    function showProgress() {
      var s = P.summary(questions.map(function (q) { return q.id; }), new Date());
      progress.textContent = t("progress_line", s);
    }
    function showStates() {
      questions.forEach(function (q) {
        var state = P.stateOf(q.id);
        STATES.forEach(function (s) { q.heading.classList.toggle("qb-state-" + s, s === state); });
        q.heading.classList.toggle("qb-due", P.isDue(q.id, new Date()));
        if (q.select) q.select.value = state;
      });
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    tool("clear").addEventListener("click", function () {
      Object.keys(inputs).forEach(function (key) { inputs[key].checked = false; });
      apply();
    });
    function openAll(open) {
      questions.forEach(function (q) {
        if (q.heading.hidden) return;
        q.parts.forEach(function (part) {
          if (part.matches("details.answer, details.editor")) part.open = open;
        });
      });
    }
    tool("expand").addEventListener("click", function () { openAll(true); });
    tool("collapse").addEventListener("click", function () { openAll(false); });

    var tocEntries = {};
    document.querySelectorAll(".md-nav--secondary a[href^='#']").forEach(function (link) {
      tocEntries[link.getAttribute("href").slice(1)] = link.closest("li");
    });
    questions.forEach(function (q) { q.tocEntry = tocEntries[q.id] || null; });
    function addStateMenu(q) {
      var badges = q.heading.nextElementSibling;
      if (!badges || !badges.classList.contains("qb-badges")) return;
      var select = element("select", "qb-state");
      select.setAttribute("aria-label", t("state_label", { title: q.title }));
      STATES.forEach(function (s) {
        var option = element("option", "", t("state_" + s));
        option.value = s;
        select.appendChild(option);
      });
      select.value = P.stateOf(q.id);
      select.addEventListener("change", function () {
        var state = select.value;
        if (state === "new") P.forget(q.id);
        else P.withScheduler().then(function () { P.grade(q.id, MARK_GRADE[state], new Date(), 0); });
      });
      q.select = select;
      badges.appendChild(select);
      badges.classList.add("qb-has-state");
    }
    document.addEventListener("qbank:progress", function () {
      showStates();
      showProgress();
      apply();
    });
    showStates();
    showProgress();
    apply();
    // The state menus come a few at a time while the page is idle: built all at once they
    // made loading a long page one long task.
    inSlices(questions, addStateMenu);
  }

  function inSlices(items, each) {
    var next = 0;
    var later = window.requestIdleCallback
      ? function (run) { requestIdleCallback(run, { timeout: 500 }); }
      : function (run) { setTimeout(run, 1); };
    function slice() {
      var until = Date.now() + 10;
      do each(items[next++]); while (next < items.length && Date.now() < until);
      if (next < items.length) later(slice);
    }
    if (items.length) later(slice);
  }

  // --- the home page: progress per topic and group -------------------------------------
  function setupHomePage() {
    var table = document.querySelector("article table");
    if (!table || !table.querySelector("a[href*='topics/']")) return;
    P.data("index", P.base + "index.js").then(function (index) {
      var byTopic = {};
      var byGroup = {};
      index.questions.forEach(function (row) {
        var topic = index.topics[row[1]];
        (byTopic[topic.slug] = byTopic[topic.slug] || []).push(row[0]);
        (byGroup[topic.group] = byGroup[topic.group] || []).push(row[0]);
      });
      var header = table.querySelector("thead tr");
      header.appendChild(element("th", "", t("col_progress")));
      var group = -1;
      var cells = [];
      table.querySelectorAll("tbody tr").forEach(function (row, i, rows) {
        var link = row.querySelector("a[href*='topics/']");
        var ids = null;
        if (link) ids = byTopic[link.getAttribute("href").replace(/^.*topics\/|\.html.*$/g, "")];
        else if (i === rows.length - 1) ids = index.questions.map(function (r) { return r[0]; });
        else ids = byGroup[++group];
        var cell = element("td", "qb-progress-cell");
        row.appendChild(cell);
        cells.push([cell, ids || []]);
      });
      function fill() {
        var at = new Date();
        cells.forEach(function (c) { c[0].textContent = t("progress_cell", P.summary(c[1], at)); });
      }
      var notes = element("div", "qb-notices");
      P.showNotices(notes);
      table.parentNode.insertBefore(notes, table);
      document.addEventListener("qbank:progress", fill);
      fill();
    });
  }

  setupTopicPage();
  setupHomePage();
})();
