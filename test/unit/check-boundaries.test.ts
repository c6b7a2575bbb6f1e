import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTree } from '../../scripts/boundaries/check-tree.mjs';

const projectRoot = join(__dirname, '../..');
const script = join(projectRoot, 'scripts/check-boundaries.mjs');
let tree: string | undefined;

function write(files: Record<string, string>): string {
  tree = mkdtempSync(join(tmpdir(), 'boundaries-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  return tree;
}

/** The command itself, as `npm test` runs it: exit code and everything it printed. */
function runScript(root?: string) {
  const run = spawnSync(process.execPath, root ? [script, root] : [script], { encoding: 'utf8' });
  return { code: run.status, output: run.stdout + run.stderr };
}

afterEach(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
  tree = undefined;
});

describe('layer boundary check', () => {
  it('accepts imports that follow the rules', () => {
    const root = write({
      'electron/shared/a.ts': "import { z } from 'zod';",
      'electron/core/b.ts': "import { a } from '../shared/a';\nimport { request } from 'node:http';",
      'electron/core/hub/c.ts': "import { b } from '../b';\nimport { d } from './d';",
      'electron/core/app/e.ts': "import { c } from '../hub/c';\nimport type { I } from '../inventory/inventory-port';",
      'electron/core/inventory/inventory-port.ts': "import type { A } from '../../shared/a';",
      'electron/cli/c.ts': "import { b } from '../core/b';",
      'electron/preload/p.cts': "import { contextBridge } from 'electron';\nimport { a } from '../shared/a';",
      'renderer/src/x.vue':
        "<script setup lang=\"ts\">\nimport { ref } from 'vue';\nimport { useI18n } from 'vue-i18n';\nimport type { A } from '../../electron/shared/a';\n</script>",
      'renderer/src/y.ts':
        "import { defineStore } from 'pinia';\nimport { useVirtualizer } from '@tanstack/vue-virtual';\nconst w = window.innerWidth;",
    });
    expect(checkTree(root).problems).toEqual([]);
  });

  it('does not take property names, comments or strings in shared for globals', () => {
    const root = write({
      'electron/shared/a.ts': [
        '/** Shown in the window; the document format is the same for every process. */',
        "const label = 'window document process Buffer';",
        'interface Options { process: boolean; window?: number }',
        'export function f(o: Options, x: { document: string }) {',
        '  const y = { window: 1, navigator: o.process };',
        '  return [label, x.document, y.window, y.navigator];',
        '}',
        'export function g(document: string) { return document.length; }',
      ].join('\n'),
    });
    expect(checkTree(root).problems).toEqual([]);
  });

  it.each([
    ['electron/core/x.ts', "import { app } from 'electron';", 'may not import electron'],
    ['electron/core/x.ts', "import { run } from '../cli/main';", 'electron/core may not import electron/cli'],
    ['electron/shared/x.ts', "import { readFile } from 'node:fs';", 'may not use Node built-ins'],
    ['electron/shared/x.ts', "import axios from 'axios';", 'may import only the npm packages zod'],
    [
      'electron/preload/x.ts',
      "import { HubClient } from '../core/hub';",
      'electron/preload may not import electron/core',
    ],
    ['electron/cli/x.ts', "const m = await import('../main/window');", 'electron/cli may not import electron/main'],
    [
      'renderer/src/x.ts',
      "import { HubClient } from '../../electron/core/hub';",
      'renderer may not import electron/core',
    ],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';", 'may not import electron'],
  ])('rejects %s importing across a layer', (path, source, reason) => {
    const { problems } = checkTree(write({ [path]: source }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${path}:1`);
    expect(problems[0]).toContain(reason);
  });

  it.each([
    ['process', "export const dev = process.env.NODE_ENV === 'development';", 'Node'],
    ['Buffer', "export const bytes = (s: string) => Buffer.from(s, 'utf8');", 'Node'],
    ['Buffer', 'export type Bytes = Buffer;', 'Node'],
    ['require', "export const m = require('zod');", 'Node'],
    ['window', 'export const width = () => window.innerWidth;', 'DOM'],
    ['document', "export const title = () => document.title ?? '';", 'DOM'],
    ['navigator', "export const isMac = typeof navigator !== 'undefined';", 'DOM'],
    ['globalThis.process', 'export const env = globalThis.process?.env;', 'Node'],
    ['globalThis.window', "export const hasWindow = globalThis['window'] !== undefined;", 'DOM'],
  ])('rejects electron/shared using the global %s', (name, source, kind) => {
    const { problems } = checkTree(write({ 'electron/shared/x.ts': `// first line\n${source}` }));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toBe(`electron/shared/x.ts:2: uses '${name}' (electron/shared may not use ${kind} globals)`);
  });

  it.each([
    ['axios', "import axios from 'axios';"],
    ['zod', "import { z } from 'zod';"],
    ['@shared (the alias no bundler defines)', "import type { A } from '@shared/a';"],
  ])('rejects the renderer importing the npm package %s, which is not among its UI libraries', (_, source) => {
    const { problems } = checkTree(
      write({ 'renderer/src/x.vue': `<template><p /></template>\n<script setup lang="ts">\n${source}\n</script>` }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^renderer\/src\/x\.vue:3: imports '.+' \(renderer may import only the npm packages vue, pinia, vue-i18n, @tanstack\/vue-virtual\)$/,
    );
  });

  it.each([
    [
      'electron/core/inventory/inventory-store.ts',
      "import type { InventoryPort } from '../app/ports';",
      'electron/core/inventory may not import electron/core/app, a layer above it',
    ],
    [
      'electron/core/hub/hub-client.ts',
      "import { SessionPool } from '../sessions/session-pool';",
      'electron/core/hub may not import electron/core/sessions, a layer above it',
    ],
    [
      'electron/core/time-budget.ts',
      "import { HubClient } from './hub/hub-client';",
      'electron/core/*.ts may not import electron/core/hub, a layer above it',
    ],
    [
      'electron/core/sessions/session-pool.ts',
      "import { sweep } from '../discovery/sweep';",
      'electron/core/sessions may not import electron/core/discovery, a sibling in the same layer',
    ],
  ])('rejects %s importing inside core against the layer order', (path, source, reason) => {
    const { problems } = checkTree(write({ [path]: source }));
    expect(problems).toEqual([`${path}:1: imports '${source.match(/'(.+)'/)?.[1]}' (core layer order: ${reason})`]);
  });

  it('rejects a folder of core that has no place in the layer order', () => {
    const { problems } = checkTree(
      write({ 'electron/core/gadgets/g.ts': "import { ok } from '../../shared/errors';" }),
    );
    expect(problems).toEqual([
      'electron/core/gadgets/g.ts: core layer order: electron/core/gadgets is in no core layer (place it in CORE_LAYERS, scripts/boundaries/rules.mjs)',
    ]);
  });

  it('fails as a command with exit code 1 and names the file and the rule', { timeout: 60_000 }, () => {
    const root = write({ 'electron/core/discovery/discovery-service.ts': "import type { P } from '../app/ports';" });
    const result = runScript(root);
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      "electron/core/discovery/discovery-service.ts:1: imports '../app/ports' (core layer order: electron/core/discovery may not import electron/core/app, a layer above it)",
    );
  });

  // Reads the whole repository: generous ceiling for a busy machine.
  it('passes on the real repository', { timeout: 60_000 }, () => {
    const result = runScript();
    expect(result.output).toContain('Layer boundaries respected');
    expect(result.output).toContain('no import from a higher layer');
    expect(result.code).toBe(0);
  });
});
