#!/usr/bin/env node
// Bundles the Node side with esbuild (the renderer is built by Vite):
//   dist/electron/main.cjs     Electron main process: CommonJS, every dependency inlined, so the
//                              packaged app needs no node_modules at all.
//   dist/electron/preload.cjs  the sandboxed preload: ONE CommonJS file whose only require is
//                              'electron' (sandboxed preloads cannot load other files).
//   dist/electron/cli.cjs      the same command for the installed app (run by its main process).
//   dist/cli/hubkeeper.mjs     the `hubkeeper` command: ESM with a shebang, dependencies inlined.
// Usage: node scripts/build-electron.mjs [--dev] [--out DIR]
//   --dev  adds source maps;  --out  writes DIR/electron/… and DIR/cli/… instead of dist/ (tests).
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const outAt = process.argv.indexOf('--out');
const out = outAt > 0 && process.argv[outAt + 1] ? resolve(process.argv[outAt + 1]) : join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  // Not minified: readable stack traces in the field log, and Electronegativity's AST checks
  // see `sandbox: true`, not `sandbox:!0`.
  minify: false,
  keepNames: true,
  sourcemap: dev ? 'linked' : false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.HUBKEEPER_VERSION': JSON.stringify(pkg.version) },
};

const started = Date.now();
const results = await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: join(out, 'electron/main.cjs'),
    format: 'cjs',
    // Electron 45 ships Node 22.
    target: 'node22',
    external: ['electron'],
    metafile: true,
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: join(out, 'electron/preload.cjs'),
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
    metafile: true,
  }),
  build({
    ...common,
    // The same CLI for the installed app: its main process loads this when the `hubkeeper`
    // launcher starts it (main/cli-mode.ts), since the shipped binary cannot run as Node.
    entryPoints: ['electron/cli/embedded.ts'],
    outfile: join(out, 'electron/cli.cjs'),
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    metafile: true,
  }),
  build({
    ...common,
    entryPoints: ['electron/cli/main.ts'],
    outfile: join(out, 'cli/hubkeeper.mjs'),
    format: 'esm',
    target: 'node20',
    metafile: true,
    // Bundled CommonJS dependencies call require() and read __filename (write-file-atomic names
    // its temporary files after it); give the ESM bundle all three.
    banner: {
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __hkCreateRequire } from 'node:module';",
        "import { fileURLToPath as __hkFileURLToPath } from 'node:url';",
        "import { dirname as __hkDirname } from 'node:path';",
        'const require = __hkCreateRequire(import.meta.url);',
        'const __filename = __hkFileURLToPath(import.meta.url);',
        'const __dirname = __hkDirname(__filename);',
      ].join('\n'),
    },
  }),
]);
chmodSync(join(out, 'cli/hubkeeper.mjs'), 0o755);

const sizes = results
  .map((r) => Object.entries(r.metafile.outputs).map(([file, out]) => `${file} ${(out.bytes / 1024).toFixed(0)} KB`))
  .flat();
console.log(`build-electron: ${sizes.join(', ')} in ${Date.now() - started} ms`);
