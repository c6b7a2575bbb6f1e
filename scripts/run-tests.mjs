#!/usr/bin/env node
// `npm test`: every check CI runs, in order, and one closing line `N passed, N failed` that
// sums them all (Vitest and Playwright print no such line themselves). Static checks count as
// one test each; the test runners report their own counts through JSON reporters.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const only = process.argv.slice(2);
const results = [];
mkdirSync('test-results', { recursive: true });

function run(name, command, args, counter) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n━━ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counts = counter
    ? counter(child.status)
    : { passed: child.status === 0 ? 1 : 0, failed: child.status === 0 ? 0 : 1 };
  // A runner that crashed before writing its report still counts as a failure.
  if (child.status !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({ name, ...counts, seconds });
}

function fromJson(file, read) {
  return () => {
    if (!existsSync(file)) return { passed: 0, failed: 1 };
    return read(JSON.parse(readFileSync(file, 'utf8')));
  };
}

run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']);
run('typecheck-renderer', 'npx', ['vue-tsc', '-p', 'tsconfig.web.json', '--noEmit']);
run('typecheck-e2e', 'npx', ['tsc', '-p', 'tsconfig.e2e.json', '--noEmit']);
run('lint', 'npx', ['eslint', '.']);
run('format', 'npx', ['prettier', '--check', '.']);
run('boundaries', 'node', ['scripts/check-boundaries.mjs']);
// Unused files, exports and dependencies (knip.jsonc): dead weight fails the run like a lint error.
run('knip', 'npx', ['knip']);
run(
  'vitest',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'],
  fromJson('test-results/vitest.json', (r) => ({
    passed: r.numPassedTests,
    // Failed tests, plus files that failed with no failed test in them (an import error, a
    // failing hook): counting failed suites instead would count each failed test's describe too.
    failed:
      r.numFailedTests +
      (r.testResults ?? []).filter(
        (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((t) => t.status === 'failed'),
      ).length,
  })),
);
{
  run(
    'playwright',
    'npx',
    ['playwright', 'test'],
    fromJson('test-results/playwright.json', (r) => ({
      passed: r.stats.expected + (r.stats.flaky ?? 0),
      failed: r.stats.unexpected,
      skipped: r.stats.skipped,
    })),
  );
}

console.log('\n━━ summary');
for (const r of results)
  console.log(`  ${r.failed ? 'FAIL' : 'ok  '} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds}s)`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + (r.skipped ?? 0), 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
