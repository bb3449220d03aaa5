// TeX -> SVG at build time with MathJax itself (mathjax-full, pinned by package-lock.json).
// One long-lived process per build: scripts/qbank/mathsvg.py writes one JSON request a
// line on stdin and reads one JSON reply a line on stdout, in order.
// `node render.mjs --chtml` makes CommonHTML instead (the PDF books: text in MathJax's own
// fonts, which Chromium embeds once, where it writes every SVG glyph as its own path).
//   {"tex": "a^2", "display": false}  ->  {"svg": "<mjx-container …>", "glyphs": {"MJX-TEX-I-1D44E": "M…"}}
//   (each request may also be a JSON array of such requests: the reply is then an array)
//                                      or {"error": "Undefined control sequence \\foo"}
//   {"css": true}                      ->  {"css": "mjx-container[jax=\"SVG\"] {…}"}
// Each formula's glyph paths come back apart from its SVG (fontCache "global": the SVG only
// <use>s them), so a page can hold each glyph once, in one hidden <svg><defs>.
import { createInterface } from "node:readline";
import { mathjax } from "mathjax-full/js/mathjax.js";
import { TeX } from "mathjax-full/js/input/tex.js";
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
import "mathjax-full/js/input/tex/textmacros/TextMacrosConfiguration.js";

// What the browser's tex-chtml.js had: its preloaded packages plus every package it
// autoloads on first use (\boldsymbol, \cancel, \color, …), and textmacros, so that
// \text{95\%} or \text{Wide \& Deep} reads as written. Not "noundefined" and not
// "noerrors": an unknown macro or a malformed formula is an error that fails the build.
const PACKAGES = [
  "base", "ams", "newcommand", "configmacros", "action", "amscd", "bbox", "boldsymbol", "braket",
  "bussproofs", "cancel", "color", "enclose", "extpfeil", "html", "mhchem", "unicode", "verb",
  "textmacros",
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
// CommonHTML: every character's CSS, not only the ones used so far (adaptiveCSS), so each
// formula's markup stands alone in the disk cache; its fonts are read from this package.
const CHTML_FONTS = new URL("./node_modules/mathjax-full/es5/output/chtml/fonts/woff-v2", import.meta.url).href;
// Only one output is loaded: CommonHTML's font data rewrite the character data that SVG
// shares (a stretchy brace or a ″ then drew its CSS escapes, "\E151", as text).
const chtml = process.argv.includes("--chtml");
const output = chtml
  ? new (await import("mathjax-full/js/output/chtml.js")).CHTML({
      fontURL: CHTML_FONTS, adaptiveCSS: false, displayAlign: "left",
    })
  : new (await import("mathjax-full/js/output/svg.js")).SVG({ fontCache: "global", displayAlign: "left" });
const html = mathjax.document("", { InputJax: tex, OutputJax: output });

// Attributes only MathJax's own menu and explorer read (no page loads them), the XLink
// namespace an HTML page does not need, and the groups that only mirror MathML's tree
// (a <g> with no attributes; a <g transform> around one element, which takes the
// transform itself): about half of the markup. The data-mml-node of tables stays, and
// their rows are not merged: MathJax's stylesheet draws table lines by that structure.
const DROPPED = new Set(["data-c", "data-mjx-texclass", "xmlns", "xmlns:xlink"]);
const TAKES_TRANSFORM = new Set(["g", "use", "rect", "line", "path"]);

function simplify(element) {
  if (!Array.isArray(element.children)) return; // text
  const attributes = element.attributes;
  for (const name of Object.keys(attributes)) {
    if (DROPPED.has(name) || (name === "data-mml-node" && attributes[name] !== "mtable")) delete attributes[name];
  }
  if ("xlink:href" in attributes) {
    attributes.href = attributes["xlink:href"];
    delete attributes["xlink:href"];
  }
  element.children.forEach(simplify);
  if (element.kind === "g" && attributes["data-mml-node"] === "mtable") return;
  element.children = element.children.flatMap((child) => (isBareGroup(child) ? child.children : [merged(child)]));
  element.children.forEach((child) => (child.parent = element));
}

function isBareGroup(node) {
  return node.kind === "g" && Object.keys(node.attributes).length === 0 && !node.children.some((c) => c.kind === "svg");
}

function merged(node) {
  const only = node.kind === "g" && node.children.length === 1 ? node.children[0] : null;
  if (!only || Object.keys(node.attributes).join() !== "transform") return node;
  if (!TAKES_TRANSFORM.has(only.kind) || "transform" in only.attributes) return node;
  only.attributes = { ...only.attributes, transform: node.attributes.transform };
  return only;
}

// A glyph's outline with relative coordinates (MathJax writes absolute ones): the same
// shape in about 15% fewer characters, which a page's gzip does not find by itself (a
// quarter less of its glyph definitions). Each step is taken from the point the previous
// rounded steps reached, so rounding (to 0.001 of a 1000-unit em) never accumulates. A
// path with a command this does not know is left as it is.
const ARGUMENTS = { M: 2, L: 2, T: 2, H: 1, V: 1, Q: 4, S: 4, C: 6 };

function relativePath(d) {
  const tokens = d.match(/[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) || [];
  if (tokens.join("") !== d.replace(/[\s,]+/g, "") || !/^M/.test(d)) return d;
  let x = 0, y = 0, startX = 0, startY = 0, i = 0, command = "", out = "";
  const number = (v) => String(Math.round(v * 1000) / 1000);
  const write = (letter, values) => {
    let text = letter;
    values.forEach((v, k) => (text += (k > 0 && !v.startsWith("-") ? " " : "") + v));
    out += text;
  };
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i])) command = tokens[i++];
    else if (command === "M") command = "L"; // pairs after a moveto are linetos
    if (command === "Z" || command === "z") {
      out += "z";
      [x, y] = [startX, startY];
      continue;
    }
    const count = ARGUMENTS[command];
    if (!count || i + count > tokens.length) return d;
    const args = tokens.slice(i, i + count).map(Number);
    i += count;
    const deltas = [];
    let nx = x, ny = y;
    if (command === "H") {
      deltas.push(number(args[0] - x));
      nx = x + Number(deltas[0]);
    } else if (command === "V") {
      deltas.push(number(args[0] - y));
      ny = y + Number(deltas[0]);
    } else {
      for (let k = 0; k < count; k += 2) deltas.push(number(args[k] - x), number(args[k + 1] - y));
      nx = x + Number(deltas[count - 2]);
      ny = y + Number(deltas[count - 1]);
    }
    write(command.toLowerCase(), deltas);
    [x, y] = [nx, ny];
    if (command === "M") [startX, startY] = [x, y];
  }
  return out;
}

function render(request) {
  if (!chtml) output.fontCache.clearCache(); // so the cache holds exactly this formula's glyphs
  const node = html.convert(request.tex, { display: Boolean(request.display), em: 16, ex: 8, containerWidth: 1280 });
  const markup = adaptor.outerHTML(node);
  if (markup.includes("data-mjx-error") || markup.includes("<merror")) {
    const message = /data-mjx-error="([^"]*)"/.exec(markup);
    return { error: message ? message[1] : "MathJax could not typeset this formula" };
  }
  const glyphs = chtml ? [] : [...output.fontCache.cache.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  glyphs.forEach((entry) => (entry[1] = relativePath(entry[1])));
  if (!chtml) simplify(node);
  return { svg: adaptor.outerHTML(node), glyphs: Object.fromEntries(glyphs) };
}

function reply(request) {
  if (request.css) {
    // The glyphs' hairline stroke, which MathJax's own rule gives only to a <use data-c>.
    const own = chtml ? "" : '\nmjx-container[jax="SVG"] use {\n  stroke-width: 3;\n}';
    return { css: adaptor.textContent(output.styleSheet(html)) + own };
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
