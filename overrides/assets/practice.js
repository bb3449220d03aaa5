// The practice page (overrides/practice.html): choose questions, then spaced review
// (FSRS, overrides/assets/progress.js) or a timed mock interview. Cards are the topic
// pages' own HTML (assets/practice/<lang>/<topic>.js, loaded on demand).
(function () {
  "use strict";
  var P = window.qbankProgress;
  var root = document.getElementById("qb-practice");
  if (!P || !root) return;
  var $ = function (id) { return document.getElementById(id); };
  var t = P.text;
  var index = null;
  var session = null; // {mode, queue, position, card, revealed, undo[], scores[], timer}

  function now() { return new Date(); }
  function status(message) { $("qb-status").textContent = message; }

  // --- choosing -----------------------------------------------------------------------
  function values(name) {
    return Array.prototype.map.call(root.querySelectorAll("input[name='" + name + "']:checked"),
      function (input) { return input.value; });
  }

  // The page brings the choices, all checked (overrides/practice.html): the reader's own
  // choice is restored into them, and the start buttons work once the index is in.
  function restoreChoices() {
    var choice = P.settings().choice || {};
    var keys = { topic: "topics", difficulty: "difficulty", stars: "stars", source: "sources" };
    Object.keys(keys).forEach(function (name) {
      var chosen = choice[keys[name]];
      if (!chosen) return;
      root.querySelectorAll("input[name='" + name + "']").forEach(function (input) {
        input.checked = chosen.indexOf(input.value) >= 0;
      });
    });
    root.querySelectorAll("#qb-topics .qb-group").forEach(function (box) {
      var all = box.querySelector("input[name='group']");
      var members = Array.prototype.slice.call(box.querySelectorAll("input[name='topic']"));
      var sync = function () { all.checked = members.every(function (m) { return m.checked; }); };
      all.addEventListener("change", function () {
        members.forEach(function (m) { m.checked = all.checked; });
        update();
      });
      members.forEach(function (m) { m.addEventListener("change", sync); });
      sync();
    });
    var settings = P.settings();
    $("qb-new-per-day").value = settings.newPerDay;
    $("qb-mock-count").value = settings.mockCount;
    $("qb-mock-seconds").value = settings.mockSeconds;
    $("qb-choose").addEventListener("change", update);
    $("qb-start-review").disabled = $("qb-start-mock").disabled = false;
    update();
  }

  function currentChoice() {
    return { topics: values("topic"), difficulty: values("difficulty"), stars: values("stars"), sources: values("source") };
  }
  function selectedRows() {
    var c = currentChoice();
    return index.questions.filter(function (row) {
      return c.topics.indexOf(index.topics[row[1]].slug) >= 0 && c.sources.indexOf(index.sources[row[2]].id) >= 0 &&
        c.difficulty.indexOf(row[3]) >= 0 && c.stars.indexOf(String(row[4])) >= 0;
    });
  }
  function update() {
    var rows = selectedRows();
    $("qb-selected").textContent = t("selected", { n: rows.length });
    $("qb-start-review").disabled = $("qb-start-mock").disabled = rows.length === 0;
  }
  function number(id, fallback) {
    var value = parseInt($(id).value, 10);
    return isNaN(value) || value < 0 ? fallback : value;
  }
  function remember() {
    P.setSetting("choice", currentChoice());
    P.setSetting("newPerDay", number("qb-new-per-day", 20));
    P.setSetting("mockCount", Math.max(1, number("qb-mock-count", 5)));
    P.setSetting("mockSeconds", Math.max(10, number("qb-mock-seconds", 180)));
  }

  // --- the review queue: due questions first (earliest first), then new ones -----------
  function reviewQueue(rows) {
    var at = now();
    var data = P.get();
    var due = rows.filter(function (row) { return P.isDue(row[0], at); }).sort(function (a, b) {
      return data.cards[a[0]].due < data.cards[b[0]].due ? -1 : 1;
    });
    var room = Math.max(0, P.settings().newPerDay - P.reviewedToday(at).fresh);
    var fresh = rows.filter(function (row) { return !data.cards[row[0]]; }).slice(0, room);
    return { due: due, fresh: fresh, queue: due.concat(fresh) };
  }
  function showCounts() {
    if (session.mode !== "review") return;
    var q = reviewQueue(session.rows);
    $("qb-counts").textContent = t("counts", { due: q.due.length, new: q.fresh.length, done: P.reviewedToday(now()).done });
  }

  // --- cards --------------------------------------------------------------------------
  function topicOf(row) { return index.topics[row[1]].slug; }
  function loadCard(row) {
    var topic = topicOf(row);
    return Promise.all([
      P.data("topic:" + topic, P.base + topic + ".js"),
      P.data("answers:" + topic, P.answersBase + topic + ".js"),
    ]).then(function (data) {
      P.addGlyphs(data[0].glyphs); // the question's; the answers' bodies bring the rest
      P.addGlyphs(data[1].glyphs);
      return { card: data[0].cards[row[0]], bodies: data[1].bodies, topic: topic };
    });
  }

  // A card's answers come with their bodies in slots, which the topic page's data fill
  // (scripts/qbank/answer_bodies.py); their links are the topic page's, made absolute.
  function answersOf(loaded) {
    var answers = document.createRange().createContextualFragment(loaded.card.a);
    var page = new URL("topics/" + loaded.topic + ".html", location.href);
    answers.querySelectorAll(".qb-lazy[data-qb-body]").forEach(function (slot) {
      var body = document.createRange().createContextualFragment(loaded.bodies[+slot.getAttribute("data-qb-body")]);
      body.querySelectorAll("[href], [src]").forEach(function (element) {
        if (element.localName === "use") return; // a formula's glyph: the page holds it
        ["href", "src"].forEach(function (name) {
          var url = element.getAttribute(name);
          if (url !== null && !/^[a-z][a-z0-9+.-]*:/i.test(url)) element.setAttribute(name, new URL(url, page).href);
        });
      });
      slot.replaceWith(body);
    });
    return answers;
  }

  function showCard(row) {
    var card = $("qb-card");
    session.card = null; // no key acts on the card until it is shown
    session.revealed = false;
    return loadCard(row).then(function (loaded) {
      session.card = row;
      session.shownAt = Date.now();
      $("qb-card-title").innerHTML = loaded.card.t;
      $("qb-card-question").innerHTML = loaded.card.q;
      $("qb-card-answer").replaceChildren(answersOf(loaded));
      $("qb-card-answer").querySelectorAll("details.answer, details.editor").forEach(function (d) { d.open = true; });
      $("qb-card-answer").hidden = true;
      $("qb-grades").hidden = $("qb-scores").hidden = true;
      $("qb-show").hidden = false;
      $("qb-card-link").href = "topics/" + topicOf(row) + ".html#" + row[0];
      $("qb-card-position").textContent = t("card_of", { n: session.position + 1, total: session.total });
      card.hidden = false;
      $("qb-show").focus();
    });
  }
  function reveal() {
    if (!session || !session.card || session.revealed) return;
    session.revealed = true;
    $("qb-show").hidden = true;
    var answer = $("qb-card-answer");
    answer.hidden = false;
    if (session.mode === "review") {
      var intervals = P.preview(session.card[0], now());
      $("qb-grades").querySelectorAll(".qb-grade").forEach(function (button) {
        button.querySelector(".qb-grade-interval").textContent = P.formatInterval(intervals[button.dataset.grade]);
      });
      $("qb-grades").hidden = false;
    } else {
      $("qb-scores").hidden = false;
    }
    answer.focus();
  }

  // --- spaced review ------------------------------------------------------------------
  function startReview() {
    remember();
    session = { mode: "review", rows: selectedRows(), undo: [], position: 0 };
    $("qb-session-title").textContent = t("mode_review");
    openSession();
    nextReview();
  }
  function nextReview() {
    var q = reviewQueue(session.rows);
    showCounts();
    session.total = session.position + q.queue.length;
    if (!q.queue.length) {
      session.card = null;
      $("qb-card").hidden = true;
      status(t("finished"));
      return Promise.resolve();
    }
    return showCard(q.queue[0]);
  }
  function gradeCard(rating) {
    if (!session || session.mode !== "review" || !session.revealed) return;
    var at = now();
    var step = P.grade(session.card[0], rating, at, Date.now() - session.shownAt);
    session.undo.push(step);
    session.position++;
    $("qb-undo").disabled = false;
    var due = new Date(P.get().cards[step.id].due);
    status(t("graded", { grade: t("grade_" + rating), interval: P.formatInterval(due - at) }));
    nextReview();
  }
  function undoGrade() {
    if (!session || session.mode !== "review" || !session.undo.length) return;
    var step = session.undo.pop();
    P.undo(step);
    session.position = Math.max(0, session.position - 1);
    $("qb-undo").disabled = !session.undo.length;
    status(t("undone"));
    var row = index.questions.filter(function (r) { return r[0] === step.id; })[0];
    showCounts();
    showCard(row);
  }

  // --- mock interview -----------------------------------------------------------------
  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var tmp = list[i];
      list[i] = list[j];
      list[j] = tmp;
    }
    return list;
  }
  function startMock() {
    remember();
    var settings = P.settings();
    var rows = shuffle(selectedRows().slice()).slice(0, settings.mockCount);
    session = { mode: "mock", rows: rows, position: 0, total: rows.length, scores: [], seconds: settings.mockSeconds };
    $("qb-session-title").textContent = t("mode_mock");
    $("qb-counts").textContent = "";
    openSession();
    nextMock();
  }
  function nextMock() {
    stopTimer();
    if (session.position >= session.rows.length) return showSummary();
    showCard(session.rows[session.position]).then(startTimer);
  }
  function renderTimer() {
    var left = Math.max(0, session.left);
    $("qb-timer").textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
  }
  function startTimer() {
    session.left = session.seconds;
    session.paused = false;
    $("qb-timer-box").hidden = false;
    $("qb-pause").textContent = t("pause");
    $("qb-pause").setAttribute("aria-pressed", "false");
    renderTimer();
    session.timer = setInterval(function () {
      if (session.paused) return;
      session.left--;
      renderTimer();
      if (session.left <= 0) {
        stopTimer();
        status(t("time_up"));
        reveal();
      }
    }, 1000);
  }
  function stopTimer() {
    if (session && session.timer) clearInterval(session.timer);
    if (session) session.timer = null;
  }
  function togglePause() {
    if (!session || session.mode !== "mock" || !session.timer) return;
    session.paused = !session.paused;
    $("qb-pause").textContent = t(session.paused ? "resume" : "pause");
    $("qb-pause").setAttribute("aria-pressed", String(session.paused));
  }
  function scoreCard(score) {
    if (!session || session.mode !== "mock" || !session.revealed) return;
    session.scores.push({ row: session.card, score: score, title: $("qb-card-title").textContent });
    session.position++;
    nextMock();
  }
  function showSummary() {
    $("qb-card").hidden = true;
    $("qb-timer-box").hidden = true;
    session.card = null;
    var list = $("qb-summary-list");
    list.textContent = "";
    var total = 0;
    session.scores.forEach(function (s) {
      total += s.score;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "topics/" + topicOf(s.row) + ".html#" + s.row[0];
      link.textContent = s.title;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" — " + t("score_" + s.score)));
      item.dataset.score = s.score;
      list.appendChild(item);
    });
    $("qb-summary-score").textContent = t("summary_score", { score: total, max: 2 * session.scores.length });
    $("qb-add-weak").disabled = !session.scores.some(function (s) { return s.score < 2; });
    $("qb-summary").hidden = false;
    $("qb-summary").querySelector("h3").setAttribute("tabindex", "-1");
    $("qb-summary").querySelector("h3").focus();
  }
  // The weak ones are graded "Again": a real review, so the scheduler brings them back.
  function addWeak() {
    var weak = session.scores.filter(function (s) { return s.score < 2; });
    var at = now();
    weak.forEach(function (s) { P.grade(s.row[0], 1, at, 0); });
    $("qb-add-weak").disabled = true;
    status(t("added_weak", { n: weak.length }));
  }

  // --- session frame ------------------------------------------------------------------
  function openSession() {
    $("qb-choose").hidden = true;
    $("qb-session").hidden = false;
    $("qb-summary").hidden = true;
    $("qb-timer-box").hidden = true;
    $("qb-undo").hidden = session.mode !== "review";
    $("qb-undo").disabled = true;
    status("");
  }
  function closeSession() {
    stopTimer();
    session = null;
    $("qb-session").hidden = true;
    $("qb-choose").hidden = false;
    update();
    $("qb-choose-title").setAttribute("tabindex", "-1");
    $("qb-choose-title").focus();
  }

  function onKey(event) {
    if (!session || event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    var key = event.key;
    // Space on another focused button presses that button, as everywhere.
    if (key === " " && tag === "BUTTON" && event.target.id !== "qb-show") return;
    if (key === " " && !session.revealed && session.card) {
      event.preventDefault();
      reveal();
    } else if (session.mode === "review" && /^[1-4]$/.test(key)) {
      gradeCard(Number(key));
    } else if (session.mode === "mock" && /^[1-3]$/.test(key)) {
      scoreCard(Number(key) - 1);
    } else if (key === "u" || key === "U") {
      undoGrade();
    }
  }

  // --- own your data ------------------------------------------------------------------
  function importFile(file) {
    var reader = new FileReader();
    reader.onload = function () {
      try {
        var counts = P.importText(String(reader.result));
        status(t("imported", counts));
      } catch (err) {
        status(t("import_failed", { error: err.message }));
      }
      if (session && session.mode === "review") showCounts();
    };
    reader.readAsText(file);
  }

  function wire() {
    $("qb-start-review").addEventListener("click", startReview);
    $("qb-start-mock").addEventListener("click", startMock);
    $("qb-show").addEventListener("click", reveal);
    $("qb-grades").addEventListener("click", function (event) {
      var button = event.target.closest(".qb-grade");
      if (button) gradeCard(Number(button.dataset.grade));
    });
    $("qb-scores").addEventListener("click", function (event) {
      var button = event.target.closest(".qb-score");
      if (button) scoreCard(Number(button.dataset.score));
    });
    $("qb-undo").addEventListener("click", undoGrade);
    $("qb-back").addEventListener("click", closeSession);
    $("qb-pause").addEventListener("click", togglePause);
    $("qb-add-weak").addEventListener("click", addWeak);
    $("qb-export").addEventListener("click", function () { P.exportFile(now()); });
    $("qb-export-csv").addEventListener("click", function () { P.exportCsv(now()); });
    $("qb-import").addEventListener("click", function () { $("qb-import-file").click(); });
    $("qb-import-file").addEventListener("change", function () {
      if (this.files[0]) importFile(this.files[0]);
      this.value = "";
    });
    $("qb-clear").addEventListener("click", function () {
      if (!window.confirm(t("clear_confirm"))) return;
      P.exportFile(now());
      P.clear();
      status(t("cleared"));
      if (session && session.mode === "review") nextReview();
    });
    document.addEventListener("keydown", onKey);
  }

  P.showNotices($("qb-notices"));
  wire();
  P.data("index", P.base + "index.js").then(function (data) {
    index = data;
    restoreChoices();
  });
})();
