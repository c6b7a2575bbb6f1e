#!/usr/bin/env node
// Enforces the layer rules of ARCHITECTURE.md ("Layers"; as data in scripts/boundaries/rules.mjs):
// which layer may import which, Node built-ins, `electron` and npm packages per layer, the order
// of the modules inside electron/core (no import from a layer above), and no Node or DOM globals
// in electron/shared. Run in `npm test`; exits non-zero and names each offending file, line and
// rule.   node scripts/check-boundaries.mjs [root]   (root: another tree to check)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTree } from './boundaries/check-tree.mjs';
import { CORE_LAYERS } from './boundaries/rules.mjs';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const { files, problems } = checkTree(root);

if (problems.length) {
  console.error(`Layer boundaries crossed (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const order = CORE_LAYERS.map((modules) => modules.join(' ')).join(' < ');
console.log(
  `Layer boundaries respected in ${files} files: no import from a higher layer (inside core: ${order}), ` +
    'no Node or DOM globals in electron/shared, the renderer only on its declared packages.',
);
