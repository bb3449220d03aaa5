// The search index on demand: loaded before Material's bundle, whose built copy hands its
// index request to qbankSearchIndex (scripts/qbank/search_worker.py). The index, the
// biggest file a page would load, is requested only once the reader opens search:
// focus on the search field (a click, a tap, or Material's s / f / / keys, which focus
// it), the search toggle, or a page opened from a search hit (?h=) or a search link (?q=).
(function () {
  "use strict";

  var opened = false;
  var waiting = [];

  function open() {
    if (opened) return;
    opened = true;
    waiting.forEach(function (start) { start(); });
    waiting = [];
  }

  function whenOpened(start) {
    if (opened) start();
    else waiting.push(start);
  }

  // fetchIndex: Material's own loader (an Observable of the index, JSON over HTTP or the
  // offline plugin's script from file://). A Promise is what Material accepts in its place.
  window.qbankSearchIndex = function (fetchIndex) {
    return new Promise(function (resolve, reject) {
      whenOpened(function () {
        fetchIndex().subscribe({ next: resolve, error: reject });
      });
    });
  };

  // Material's bundle builds this in place of its search worker (search_worker.py): the
  // real worker, and the download of its script, start with the first message posted,
  // which is the index. Material only listens to the worker and posts to it.
  function LazyWorker(url) {
    this.url = url;
    this.worker = null;
    this.listeners = [];
  }
  LazyWorker.prototype.addEventListener = function (type, listener, options) {
    if (this.worker) this.worker.addEventListener(type, listener, options);
    else this.listeners.push([type, listener, options]);
  };
  LazyWorker.prototype.removeEventListener = function (type, listener, options) {
    if (this.worker) this.worker.removeEventListener(type, listener, options);
    this.listeners = this.listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
  };
  LazyWorker.prototype.postMessage = function (message) {
    if (!this.worker) {
      var worker = (this.worker = new Worker(this.url)); // file://: the iframe-worker shim's
      this.listeners.forEach(function (l) { worker.addEventListener(l[0], l[1], l[2]); });
    }
    this.worker.postMessage(message);
  };
  window.qbankLazyWorker = LazyWorker;

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) open();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-md-toggle=search]") && event.target.checked) open();
  }, true);
  // a search hit: qbank.js opens search once the page's answers are in (Material
  // highlights the hit's terms only in what the page holds when the index arrives)
  window.qbankOpenSearch = open;
  if (/[?&]q=/.test(location.search) || (/[?&]h=/.test(location.search) && !document.querySelector(".qb-lazy"))) {
    open();
  }
})();
