// TeX -> SVG at build time with MathJax itself (mathjax-full, pinned by package-lock.json).
// One long-lived process per build: scripts/qbank/mathsvg.py writes one JSON request a
// line on stdin and reads one JSON reply a line on stdout, in order.
//   {"tex": "a^2", "display": false}  ->  {"svg": "<mjx-container …>", "glyphs": {"MJX-TEX-I-1D44E": "M…"}}
//   (each request may also be a JSON array of such requests: the reply is then an array)
//                                      or {"error": "Undefined control sequence \\foo"}
//   {"css": true}                      ->  {"css": "mjx-container[jax=\"SVG\"] {…}"}
// Each formula's glyph paths come back apart from its SVG (fontCache "global": the SVG only
// <use>s them), so a page can hold each glyph once, in one hidden <svg><defs>.
import { createInterface } from "node:readline";
import { mathjax } from "mathjax-full/js/mathjax.js";
import { TeX } from "mathjax-full/js/input/tex.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import { liteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { AssistiveMmlHandler } from "mathjax-full/js/a11y/assistive-mml.js";
import "mathjax-full/js/input/tex/base/BaseConfiguration.js";
import "mathjax-full/js/input/tex/ams/AmsConfiguration.js";
import "mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js";
import "mathjax-full/js/input/tex/configmacros/ConfigMacrosConfiguration.js";
import "mathjax-full/js/input/tex/action/ActionConfiguration.js";
import "mathjax-full/js/input/tex/amscd/AmsCdConfiguration.js";
import "mathjax-full/js/input/tex/bbox/BboxConfiguration.js";
import "mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js";
import "mathjax-full/js/input/tex/braket/BraketConfiguration.js";
import "mathjax-full/js/input/tex/bussproofs/BussproofsConfiguration.js";
import "mathjax-full/js/input/tex/cancel/CancelConfiguration.js";
import "mathjax-full/js/input/tex/color/ColorConfiguration.js";
import "mathjax-full/js/input/tex/enclose/EncloseConfiguration.js";
import "mathjax-full/js/input/tex/extpfeil/ExtpfeilConfiguration.js";
import "mathjax-full/js/input/tex/html/HtmlConfiguration.js";
import "mathjax-full/js/input/tex/mhchem/MhchemConfiguration.js";
import "mathjax-full/js/input/tex/unicode/UnicodeConfiguration.js";
import "mathjax-full/js/input/tex/verb/VerbConfiguration.js";

// What the browser's tex-chtml.js had: its preloaded packages plus every package it
// autoloads on first use (\boldsymbol, \cancel, \color, …). Not "noundefined" and not
// "noerrors": an unknown macro or a malformed formula is an error that fails the build.
const PACKAGES = [
  "base", "ams", "newcommand", "configmacros", "action", "amscd", "bbox", "boldsymbol", "braket",
  "bussproofs", "cancel", "color", "enclose", "extpfeil", "html", "mhchem", "unicode", "verb",
];

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
const tex = new TeX({
  packages: PACKAGES,
  processEscapes: true,
  processEnvironments: true,
  formatError: (_jax, err) => {
    throw err;
  },
});
const svg = new SVG({ fontCache: "global", displayAlign: "left" });
const html = mathjax.document("", { InputJax: tex, OutputJax: svg });

// Attributes only MathJax's own menu and explorer read (no page loads them), and the
// XLink namespace an HTML page does not need: about a quarter of the markup. The
// data-mml-node of tables stays: MathJax's stylesheet draws their lines with it.
function compact(markup) {
  return markup
    .replace(/ data-c="[^"]*"/g, "")
    .replace(/ data-mml-node="(?!mtable")[^"]*"/g, "")
    .replace(/ data-mjx-texclass="[^"]*"/g, "")
    .replace(/ xmlns(:xlink)?="http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)"/g, "")
    .replace(/ xlink:href="/g, ' href="');
}

function render(request) {
  svg.fontCache.clearCache(); // so the cache holds exactly this formula's glyphs
  const node = html.convert(request.tex, { display: Boolean(request.display), em: 16, ex: 8, containerWidth: 1280 });
  const markup = adaptor.outerHTML(node);
  if (markup.includes("data-mjx-error") || markup.includes("<merror")) {
    const message = /data-mjx-error="([^"]*)"/.exec(markup);
    return { error: message ? message[1] : "MathJax could not typeset this formula" };
  }
  const glyphs = [...svg.fontCache.cache.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return { svg: compact(markup), glyphs: Object.fromEntries(glyphs) };
}

function reply(request) {
  if (request.css) {
    return { css: adaptor.textContent(svg.styleSheet(html)) };
  }
  try {
    return render(request);
  } catch (err) {
    return { error: String(err && err.message ? err.message : err) };
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  const request = JSON.parse(line);
  const answer = Array.isArray(request) ? request.map(reply) : reply(request);
  process.stdout.write(JSON.stringify(answer) + "\n");
});
