// The reader's progress: FSRS cards keyed by question id and the review log, kept in this
// browser (localStorage), exported and imported as a versioned JSON file (schema in the
// README). Shared by the practice page and the topic and home pages. A classic script:
// it must work from file://, where modules and fetch do not.
(function () {
  "use strict";
  // Chromium shares ONE localStorage among all file:// pages: every key is prefixed.
  var KEY = "ml-interview-bank:progress";
  var ASIDE = "ml-interview-bank:unreadable:";
  var FORMAT = "ml-interview-bank-progress";
  var VERSION = 1;
  var DAY = 86400000;
  var ID = /^q[a-z2-7]+(-\d+)?$/; // the questions' stable ids (README: Stable ids)
  var DEFAULT_SETTINGS = { newPerDay: 20, mockCount: 5, mockSeconds: 180 };
  // Version n → n + 1, applied in turn to older stored data and imported files.
  var MIGRATIONS = {};
  var CARD_FIELDS = ["due", "stability", "difficulty", "elapsed_days", "scheduled_days", "learning_steps",
    "reps", "lapses", "state", "last_review"];

  // Data scripts (assets/practice/<lang>/*.js) register themselves here.
  var registry = {};
  window.qbankRegister = function (name, data) { registry[name] = data; };

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  // Data of the build: registered name → data, loading its script once.
  function data(name, src) {
    if (registry[name]) return Promise.resolve(registry[name]);
    return loadScript(src).then(function () { return registry[name]; });
  }

  var uiElement = document.getElementById("qb-ui");
  var ui = uiElement ? JSON.parse(uiElement.textContent) : {};
  function text(key, values) {
    var s = ui[key] || key;
    Object.keys(values || {}).forEach(function (name) { s = s.split("{" + name + "}").join(values[name]); });
    return s;
  }

  function emptyData() {
    return { format: FORMAT, version: VERSION, cards: {}, log: [], settings: {} };
  }

  function migrate(stored) {
    if (!stored || typeof stored !== "object" || stored.format !== FORMAT || typeof stored.version !== "number") {
      throw new Error("not a progress file");
    }
    if (stored.version > VERSION) throw new Error("made by a newer version of the site (" + stored.version + ")");
    while (stored.version < VERSION) {
      if (!MIGRATIONS[stored.version]) throw new Error("no migration from version " + stored.version);
      stored = MIGRATIONS[stored.version](stored);
    }
    if (!stored.cards || typeof stored.cards !== "object" || !Array.isArray(stored.log)) {
      throw new Error("no cards or log");
    }
    Object.keys(stored.cards).forEach(function (id) {
      var card = stored.cards[id];
      if (!ID.test(id) || !card || isNaN(Date.parse(card.due)) || typeof card.stability !== "number") {
        throw new Error("card " + id.slice(0, 20) + " is not valid");
      }
    });
    stored.log.forEach(function (e) {
      if (!e || !ID.test(e.id) || typeof e.time !== "number" || [1, 2, 3, 4].indexOf(e.rating) < 0) {
        throw new Error("a review of the log is not valid");
      }
    });
    stored.settings = stored.settings || {};
    return stored;
  }

  function storage() {
    try {
      var s = window.localStorage;
      s.getItem(KEY);
      return s;
    } catch (err) {
      return null;
    }
  }

  // Keys holding stored data that could not be read (kept, never deleted).
  function asideKeys() {
    var s = storage();
    var keys = [];
    for (var i = 0; s && i < s.length; i++) {
      if (s.key(i).indexOf(ASIDE) === 0) keys.push(s.key(i));
    }
    return keys.sort();
  }

  var current = null;
  function load() {
    var s = storage();
    var raw = s && s.getItem(KEY);
    current = emptyData();
    if (!raw) return current;
    try {
      current = migrate(JSON.parse(raw));
    } catch (err) {
      s.setItem(ASIDE + new Date().toISOString(), raw);
      s.removeItem(KEY);
    }
    return current;
  }
  function get() { return current || load(); }

  function save() {
    var s = storage();
    if (s) s.setItem(KEY, JSON.stringify(get()));
    document.dispatchEvent(new CustomEvent("qbank:progress"));
  }

  function settings() {
    var stored = get().settings;
    var out = {};
    Object.keys(DEFAULT_SETTINGS).forEach(function (k) { out[k] = k in stored ? stored[k] : DEFAULT_SETTINGS[k]; });
    Object.keys(stored).forEach(function (k) { if (!(k in out)) out[k] = stored[k]; });
    return out;
  }
  function setSetting(name, value) {
    get().settings[name] = value;
    save();
  }

  // FSRS (vendored ts-fsrs, window.FSRS): no short-term steps, at most 180 days. The
  // practice page loads its script up front; a topic page only once the reader marks a
  // question (withScheduler), so reading a page does not download it.
  var schedulerScript = null;
  function withScheduler() {
    if (window.FSRS) return Promise.resolve();
    if (!schedulerScript) {
      var assets = uiElement ? uiElement.getAttribute("data-assets") : "";
      schedulerScript = loadScript(assets + "vendor/ts-fsrs/ts-fsrs.umd.js").catch(function (err) {
        schedulerScript = null; // a later mark tries again
        throw err;
      });
    }
    return schedulerScript;
  }
  var scheduler = null;
  function fsrs() {
    if (!scheduler) {
      scheduler = FSRS.fsrs(FSRS.generatorParameters({ enable_short_term: false, maximum_interval: 180 }));
    }
    return scheduler;
  }
  function toCard(stored, now) {
    if (!stored) return FSRS.createEmptyCard(now);
    var card = {};
    CARD_FIELDS.forEach(function (k) { card[k] = stored[k]; });
    card.due = new Date(stored.due);
    card.last_review = stored.last_review ? new Date(stored.last_review) : undefined;
    return card;
  }
  function fromCard(card, rating) {
    var out = {};
    CARD_FIELDS.forEach(function (k) { out[k] = card[k]; });
    out.due = card.due.toISOString();
    out.last_review = card.last_review ? card.last_review.toISOString() : null;
    out.rating = rating;
    return out;
  }

  // Milliseconds until each grade (1–4) would bring the question back.
  function preview(id, now) {
    var outcomes = fsrs().repeat(toCard(get().cards[id], now), now);
    var out = {};
    [1, 2, 3, 4].forEach(function (g) { out[g] = outcomes[g].card.due.getTime() - now.getTime(); });
    return out;
  }

  // Record a review; returns what undo() needs.
  function grade(id, rating, now, duration) {
    var d = get();
    var before = d.cards[id] || null;
    var result = fsrs().next(toCard(before, now), now, rating);
    d.cards[id] = fromCard(result.card, rating);
    d.log.push({ id: id, time: now.getTime(), rating: rating, state: result.log.state, duration: duration || 0 });
    save();
    return { id: id, before: before, logLength: d.log.length - 1 };
  }
  function undo(step) {
    var d = get();
    if (step.before) d.cards[step.id] = step.before;
    else delete d.cards[step.id];
    d.log.length = step.logLength;
    save();
  }
  function forget(id) {
    delete get().cards[id];
    save();
  }

  function startOfDay(now) {
    var day = new Date(now.getTime());
    day.setHours(0, 0, 0, 0);
    return day.getTime();
  }
  // new: never reviewed; known: last graded Good or Easy; learning: Again or Hard.
  function stateOf(id) {
    var card = get().cards[id];
    if (!card) return "new";
    return card.rating >= 3 ? "known" : "learning";
  }
  function isDue(id, now) {
    var card = get().cards[id];
    return !!card && new Date(card.due).getTime() < startOfDay(now) + DAY;
  }
  function reviewedToday(now) {
    var from = startOfDay(now);
    var done = 0, fresh = 0;
    get().log.forEach(function (entry) {
      if (entry.time >= from) {
        done++;
        if (entry.state === 0) fresh++;
      }
    });
    return { done: done, fresh: fresh };
  }
  function summary(ids, now) {
    var out = { total: ids.length, known: 0, due: 0 };
    ids.forEach(function (id) {
      if (stateOf(id) === "known") out.known++;
      if (isDue(id, now)) out.due++;
    });
    return out;
  }

  // Own your data: the whole store as a file, merged back by "newest review wins".
  function exportText(now) {
    var d = get();
    var out = { format: FORMAT, version: VERSION, exported: now.toISOString(), cards: d.cards, log: d.log,
      settings: d.settings };
    return JSON.stringify(out, null, 1);
  }
  function importText(raw) {
    var incoming = migrate(JSON.parse(raw));
    var d = get();
    var cards = 0;
    Object.keys(incoming.cards).forEach(function (id) {
      var theirs = incoming.cards[id], ours = d.cards[id];
      if (!ours || (theirs.last_review || "") > (ours.last_review || "")) {
        d.cards[id] = theirs;
        cards++;
      }
    });
    var seen = {};
    d.log.forEach(function (e) { seen[e.id + "@" + e.time] = true; });
    var reviews = 0;
    incoming.log.forEach(function (e) {
      if (!seen[e.id + "@" + e.time]) {
        d.log.push(e);
        seen[e.id + "@" + e.time] = true;
        reviews++;
      }
    });
    d.log.sort(function (a, b) { return a.time - b.time; });
    Object.keys(incoming.settings).forEach(function (k) { if (!(k in d.settings)) d.settings[k] = incoming.settings[k]; });
    save();
    return { cards: cards, reviews: reviews };
  }
  function clear() {
    var s = storage();
    current = emptyData();
    if (s) s.removeItem(KEY);
    document.dispatchEvent(new CustomEvent("qbank:progress"));
  }
  // The review log in the FSRS optimizer's columns (its README's review_logs schema).
  function logCsv() {
    var rows = ["card_id,review_time,review_rating,review_state,review_duration"];
    get().log.forEach(function (e) {
      rows.push([e.id, e.time, e.rating, e.state, e.duration || 0].join(","));
    });
    return rows.join("\n") + "\n";
  }
  function download(name, content, type) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  function stamp(now) { return now.toISOString().slice(0, 10); }
  function exportFile(now) {
    download("ml-interview-bank-progress-" + stamp(now) + ".json", exportText(now), "application/json");
  }
  function exportCsv(now) {
    download("ml-interview-bank-revlog-" + stamp(now) + ".csv", logCsv(), "text/csv");
  }

  function formatInterval(ms) {
    var minutes = Math.max(1, Math.round(ms / 60000));
    if (minutes < 60) return text("interval_minutes", { n: minutes });
    if (minutes < 1440) return text("interval_hours", { n: Math.round(minutes / 60) });
    var days = Math.round(minutes / 1440);
    if (days < 60) return text("interval_days", { n: days });
    return text("interval_months", { n: Math.round(days / 30) });
  }

  // Notices wherever progress is shown: unreadable data kept aside, no storage at all,
  // and Firefox's separate store per file:// page.
  function notices() {
    var out = [];
    get();
    asideKeys().forEach(function (key) { out.push(text("unreadable", { key: key })); });
    if (!storage()) out.push(text("no_storage"));
    if (location.protocol === "file:" && /firefox/i.test(navigator.userAgent)) {
      out.push(text("firefox_file", { command: "python3 -m http.server -d site" }));
    }
    return out;
  }
  function showNotices(container) {
    notices().forEach(function (message) {
      var p = document.createElement("p");
      p.className = "qb-notice";
      p.setAttribute("role", "note");
      p.textContent = message;
      container.appendChild(p);
    });
  }

  // Formulas are SVG made at build time; the outlines of glyphs that arrive with data (a
  // practice card, answers loaded on demand) go, once each, into the page's one hidden
  // <svg><defs> that every formula's <use> points into.
  var SVG_NS = "http://www.w3.org/2000/svg";
  function addGlyphs(glyphs) {
    var defs = document.querySelector("#qbank-math-glyphs defs");
    if (!defs) {
      var holder = document.createElementNS(SVG_NS, "svg");
      holder.id = "qbank-math-glyphs";
      holder.setAttribute("aria-hidden", "true");
      holder.style.display = "none";
      defs = holder.appendChild(document.createElementNS(SVG_NS, "defs"));
      document.body.appendChild(holder);
    }
    Object.keys(glyphs).forEach(function (id) {
      if (document.getElementById(id)) return;
      var path = document.createElementNS(SVG_NS, "path");
      path.id = id;
      path.setAttribute("d", glyphs[id]);
      defs.appendChild(path);
    });
  }

  window.qbankProgress = {
    VERSION: VERSION, KEY: KEY, data: data, loadScript: loadScript, text: text, get: get, load: load,
    settings: settings, setSetting: setSetting, withScheduler: withScheduler, preview: preview, grade: grade,
    undo: undo, forget: forget,
    stateOf: stateOf, isDue: isDue, reviewedToday: reviewedToday, summary: summary, exportText: exportText,
    importText: importText, clear: clear, logCsv: logCsv, exportFile: exportFile, exportCsv: exportCsv,
    formatInterval: formatInterval, showNotices: showNotices, addGlyphs: addGlyphs,
    base: uiElement ? uiElement.getAttribute("data-base") : "",
    answersBase: uiElement ? uiElement.getAttribute("data-answers-base") : "",
  };
})();
