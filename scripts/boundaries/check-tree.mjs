// Checks a whole tree against the layer rules of rules.mjs. scripts/check-boundaries.mjs prints
// what this finds; it is a module of its own so the rules can be tested on fixture trees.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { builtinModules } from 'node:module';
import { CORE_LAYERS, DOM_GLOBALS, LAYERS, NODE_GLOBALS, RULES } from './rules.mjs';
import { scanFile } from './scan.mjs';

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const sharedForbidden = new Set([...NODE_GLOBALS, ...DOM_GLOBALS]);
const coreRank = new Map(CORE_LAYERS.flatMap((modules, rank) => modules.map((m) => [m, rank])));

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (/\.(m|c)?tsx?$|\.vue$/.test(name)) yield path;
  }
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const describeModule = (module) => (module === '.' ? 'electron/core/*.ts' : `electron/core/${module}`);

/**
 * Every broken rule under `root`, each as `path:line: what (rule)`, and how many files were read.
 * Layers absent from the tree are skipped (fixtures hold only the files a case needs).
 */
export function checkTree(root) {
  const toPosix = (path) => relative(root, path).split(sep).join('/');
  const layerOf = (path) => {
    const rel = toPosix(path);
    return LAYERS.find((l) => rel === l || rel.startsWith(`${l}/`));
  };
  /** The core module of a path inside electron/core: its first folder, or `.` for files at the top. */
  const coreModuleOf = (path) => {
    const parts = toPosix(path).slice('electron/core/'.length).split('/');
    return parts.length === 1 ? '.' : parts[0];
  };

  /** The core-order rule an import from `file` to `target` (both in core) breaks, or null. */
  function coreOrderProblem(file, target) {
    const from = coreModuleOf(file);
    const to = coreModuleOf(target);
    const fromRank = coreRank.get(from);
    const toRank = coreRank.get(to);
    // Within one module anything goes; an unplaced module is reported once, for its own files.
    if (from === to || fromRank === undefined || toRank === undefined || toRank < fromRank) return null;
    const where = toRank > fromRank ? 'a layer above it' : 'a sibling in the same layer';
    return `core layer order: ${describeModule(from)} may not import ${describeModule(to)}, ${where}`;
  }

  function checkFile(file, layer) {
    const rule = RULES[layer];
    const problems = [];
    const at = (line) => `${toPosix(file)}:${line}`;
    if (layer === 'electron/core' && !coreRank.has(coreModuleOf(file)))
      problems.push(
        `${toPosix(file)}: core layer order: ${describeModule(coreModuleOf(file))} is in no core layer (place it in CORE_LAYERS, scripts/boundaries/rules.mjs)`,
      );
    const watched = layer === 'electron/shared' ? sharedForbidden : new Set();
    const { imports, globals } = scanFile(file, readFileSync(file, 'utf8'), watched);
    for (const { spec, line } of imports) {
      const where = `${at(line)}: imports '${spec}'`;
      if (spec.startsWith('.')) {
        const local = resolve(dirname(file), spec);
        const target = layerOf(local);
        if (!target) problems.push(`${where} (outside every layer)`);
        else if (!rule.layers.includes(target)) problems.push(`${where} (${layer} may not import ${target})`);
        else if (layer === 'electron/core' && target === 'electron/core') {
          const order = coreOrderProblem(file, local);
          if (order) problems.push(`${where} (${order})`);
        }
      } else if (nodeBuiltins.has(spec)) {
        if (!rule.node) problems.push(`${where} (${layer} may not use Node built-ins)`);
      } else if (spec === 'electron' || spec.startsWith('electron/')) {
        if (!rule.electron) problems.push(`${where} (${layer} may not import electron)`);
      } else if (rule.packages !== true && !rule.packages.includes(packageName(spec))) {
        problems.push(`${where} (${layer} may import only the npm packages ${rule.packages.join(', ')})`);
      }
    }
    for (const { name, line } of globals) {
      const kind = DOM_GLOBALS.includes(name.replace('globalThis.', '')) ? 'DOM' : 'Node';
      problems.push(`${at(line)}: uses '${name}' (${layer} may not use ${kind} globals)`);
    }
    return problems;
  }

  const problems = [];
  let files = 0;
  for (const layer of LAYERS) {
    const dir = join(root, layer);
    try {
      statSync(dir);
    } catch {
      continue;
    }
    for (const file of walk(dir)) {
      files += 1;
      problems.push(...checkFile(file, layer));
    }
  }
  return { files, problems };
}
