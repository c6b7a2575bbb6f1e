import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = join(__dirname, '../../scripts/check-boundaries.mjs');
let tree: string;

function write(files: Record<string, string>): void {
  tree = mkdtempSync(join(tmpdir(), 'boundaries-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
}

function check() {
  const run = spawnSync(process.execPath, [script, tree], { encoding: 'utf8' });
  return { code: run.status, output: run.stdout + run.stderr };
}

afterEach(() => rmSync(tree, { recursive: true, force: true }));

describe('layer boundary check', () => {
  it('accepts imports that follow the rules', () => {
    write({
      'electron/shared/a.ts': "import { z } from 'zod';",
      'electron/core/b.ts': "import { a } from '../shared/a';\nimport { request } from 'node:http';",
      'electron/cli/c.ts': "import { b } from '../core/b';",
      'electron/preload/p.cts': "import { contextBridge } from 'electron';\nimport { a } from '../shared/a';",
      'renderer/src/x.vue': '<script setup lang="ts">\nimport type { A } from \'@shared/a\';\n</script>',
    });
    expect(check()).toMatchObject({ code: 0 });
  });

  it.each([
    ['electron/core/x.ts', "import { app } from 'electron';", 'may not import electron'],
    ['electron/core/x.ts', "import { run } from '../cli/main';", 'electron/core may not import electron/cli'],
    ['electron/shared/x.ts', "import { readFile } from 'node:fs';", 'may not use Node built-ins'],
    ['electron/shared/x.ts', "import axios from 'axios';", 'may import only zod'],
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
    write({ [path]: source });
    const result = check();
    expect(result.code).toBe(1);
    expect(result.output).toContain(reason);
  });
});
