// MathJax 3 reads this before it loads. pymdownx.arithmatex (generic) wraps math in
// .arithmatex elements with \( \) and \[ \] delimiters; nothing else is typeset.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
  chtml: { displayAlign: "left" },
};
