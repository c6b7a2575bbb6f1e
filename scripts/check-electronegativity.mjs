#!/usr/bin/env node
// Runs Doyensec's Electronegativity over the BUILT main process and preload and fails when a
// HIGH or MEDIUM finding is not explained below. Part of `npm test` (through
// test/electron/electronegativity.test.ts); also runnable by hand:
//   node scripts/check-electronegativity.mjs [--dir DIR]   (DIR holds main.cjs and preload.cjs;
//                                                          default: a fresh build in a temp folder)
// Electronegativity fetches translations and Electron's release list from GitHub. Tests here may
// only talk to loopback, so its HTTP client (`got`) is replaced by one that refuses at once and
// the release check is excluded: the scan itself is purely local AST analysis.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * Findings we accept, and why. Each names the check and what to look for in its description or
 * file, so a NEW finding of the same check elsewhere still fails the run.
 */
export const EXPLAINED = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    // The two intended calls: the dispatcher handing host.openExternal the URL hubWebUiUrl()
    // built from the inventory, and host.ts calling shell.openExternal behind isOpenableHubUrl.
    when: (_issue, context) => /hubWebUiUrl\(|isOpenableHubUrl\(/.test(context),
    why: 'Only hub web-UI URLs main builds itself from the inventory (core/app hubWebUiUrl) reach shell.openExternal, and only http(s) without credentials (main/host.ts isOpenableHubUrl); renderer-supplied URLs are never opened (window.open is denied).',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    // Only the finding that points at our CSP string; "no CSP detected" (file N/A) stays fatal.
    when: (issue) => issue.file !== 'N/A',
    why: 'The CSP (electron/main/csp.ts) is sent as a response header by the app:// protocol handler and checked in protocol.test.ts; reported here for review only.',
  },
];

const SEVERE = new Set(['HIGH', 'MEDIUM']);

function offlineGot() {
  // Electronegativity requires `got` for its two network look-ups; answer both with "offline".
  const refuse = () => Promise.reject(new Error('network disabled by check-electronegativity'));
  const got = Object.assign(refuse, { head: refuse, get: refuse, extend: () => got });
  const original = Module._load;
  Module._load = function load(request, parent, isMain) {
    if (request === 'got') return { __esModule: true, default: got };
    return original.call(this, request, parent, isMain);
  };
}

/** The lowered source of each scanned file, to show an explainer the code around a finding. */
const sources = new Map();

function contextOf(issue) {
  const lines = sources.get(issue.file) ?? [];
  const line = issue.location?.line ?? 0;
  return lines.slice(Math.max(0, line - 4), line + 2).join('\n');
}

async function prepareScanFolder(dir) {
  const scan = mkdtempSync(join(tmpdir(), 'hk-eng-scan-'));
  // Electronegativity reads only .js/.html and its parser does not know newer syntax (class
  // static blocks), so hand it the same bundles lowered to ES2019 under .js names.
  for (const [from, to] of [
    ['main.cjs', 'main.js'],
    ['preload.cjs', 'preload.js'],
  ]) {
    const code = readFileSync(join(dir, from), 'utf8');
    const lowered = await transform(code, { loader: 'js', format: 'cjs', target: 'es2019', minify: false });
    writeFileSync(join(scan, to), lowered.code);
    sources.set(to, lowered.code.split('\n'));
  }
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  writeFileSync(
    join(scan, 'package.json'),
    JSON.stringify({ name: 'hubkeeper', main: 'main.js', devDependencies: { electron: electronVersion } }),
  );
  return { scan, electronVersion };
}

export async function scan(dir) {
  offlineGot();
  const { scan: folder, electronVersion } = await prepareScanFolder(dir);
  const quiet = console.log;
  console.log = () => {}; // it prints progress and "no connectivity" lines
  try {
    const runModule = require('@doyensec/electronegativity');
    const run = runModule.default ?? runModule;
    const result = await run({
      input: folder,
      isRelative: true,
      electronVersion,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
    return result;
  } finally {
    console.log = quiet;
    rmSync(folder, { recursive: true, force: true });
  }
}

function nameOf(level) {
  return typeof level === 'string' ? level : (level?.name ?? String(level));
}

async function main() {
  const dirAt = process.argv.indexOf('--dir');
  let dir = dirAt > 0 ? resolve(process.argv[dirAt + 1]) : null;
  let built = null;
  if (!dir) {
    built = mkdtempSync(join(tmpdir(), 'hk-eng-build-'));
    const b = spawnSync(process.execPath, [join(root, 'scripts/build-electron.mjs'), '--out', built], {
      stdio: 'inherit',
    });
    if (b.status !== 0) process.exit(2);
    dir = join(built, 'electron');
  }
  const result = await scan(dir);
  if (built) rmSync(built, { recursive: true, force: true });

  const fatalParse = result.errors.filter((e) => !e.tolerable);
  const rows = result.issues.map((issue) => {
    const severity = nameOf(issue.severity);
    const explained = EXPLAINED.find((e) => e.id === issue.id && e.when(issue, contextOf(issue)));
    return {
      severity,
      confidence: nameOf(issue.confidence),
      id: issue.id,
      file: issue.file,
      line: issue.location?.line ?? null,
      explained: explained?.why ?? null,
      description: issue.description,
    };
  });
  console.log(
    `electronegativity: ${result.globalChecks} global + ${result.atomicChecks} atomic checks over main.cjs and preload.cjs`,
  );
  for (const r of rows) {
    console.log(`  ${r.severity.padEnd(13)} ${r.id} ${r.file}${r.line ? `:${r.line}` : ''}`);
    console.log(`      ${r.explained ? `explained: ${r.explained}` : `UNEXPLAINED: ${r.description}`}`);
  }
  const bad = rows.filter((r) => SEVERE.has(r.severity) && !r.explained);
  for (const e of fatalParse) console.log(`  PARSE ERROR ${e.file}: ${e.message}`);
  console.log(
    JSON.stringify({ findings: rows.length, unexplainedHighOrMedium: bad.length, parseErrors: fatalParse.length }),
  );
  process.exit(bad.length || fatalParse.length ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
