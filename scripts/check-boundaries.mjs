#!/usr/bin/env node
// Enforces the layer rules of design.md: a layer may import only what it is allowed to. Run in
// `npm test`; exits non-zero and names each offending import when a layer is crossed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { builtinModules } from 'node:module';

// The project root, or another tree to check (the script's own test points it at fixtures).
const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..'));
const LAYERS = [
  'electron/core',
  'electron/shared',
  'electron/main',
  'electron/preload',
  'electron/cli',
  'electron/web',
  'renderer',
];

/** For each layer: which layers it may import, and whether Node built-ins / electron / npm packages are allowed. */
const RULES = {
  'electron/core': { layers: ['electron/core', 'electron/shared'], node: true, electron: false, packages: true },
  'electron/shared': { layers: ['electron/shared'], node: false, electron: false, packages: ['zod'] },
  'electron/main': {
    layers: ['electron/main', 'electron/core', 'electron/shared'],
    node: true,
    electron: true,
    packages: true,
  },
  'electron/preload': {
    layers: ['electron/preload', 'electron/shared'],
    node: false,
    electron: true,
    packages: ['zod'],
  },
  'electron/cli': {
    layers: ['electron/cli', 'electron/core', 'electron/shared'],
    node: true,
    electron: false,
    packages: true,
  },
  'electron/web': {
    layers: ['electron/web', 'electron/core', 'electron/shared'],
    node: true,
    electron: false,
    packages: true,
  },
  renderer: { layers: ['renderer', 'electron/shared'], node: false, electron: false, packages: true },
};

/** Path aliases the bundlers know (vite.config.ts), resolved to the layer they point into. */
const ALIASES = { '@shared': join(root, 'electron/shared') };

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const IMPORT_RE =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (/\.(m|c)?tsx?$|\.vue$/.test(name)) yield path;
  }
}

function layerOf(file) {
  const rel = relative(root, file).split(sep).join('/');
  return LAYERS.find((l) => rel === l || rel.startsWith(`${l}/`));
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const problems = [];
for (const layer of LAYERS) {
  const dir = join(root, layer);
  try {
    statSync(dir);
  } catch {
    continue;
  }
  const rule = RULES[layer];
  for (const file of walk(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      const where = `${relative(root, file)}: imports '${spec}'`;
      const local = spec.startsWith('.') ? resolve(dirname(file), spec) : ALIASES[spec.split('/')[0]];
      if (local) {
        const target = layerOf(local);
        if (!target) problems.push(`${where} (outside every layer)`);
        else if (!rule.layers.includes(target)) problems.push(`${where} (${layer} may not import ${target})`);
      } else if (nodeBuiltins.has(spec)) {
        if (!rule.node) problems.push(`${where} (${layer} may not use Node built-ins)`);
      } else if (spec === 'electron' || spec.startsWith('electron/')) {
        if (!rule.electron) problems.push(`${where} (${layer} may not import electron)`);
      } else if (rule.packages !== true && !rule.packages.includes(packageName(spec))) {
        problems.push(`${where} (${layer} may import only ${rule.packages.join(', ')})`);
      }
    }
  }
}

if (problems.length) {
  console.error(`Layer boundaries crossed (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('Layer boundaries respected.');
