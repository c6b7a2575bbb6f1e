// Reads one source file with the TypeScript parser (syntax only, no type check: fast) and lists
// what the boundary rules look at: every module it names (import, export … from, import(),
// require(), import type, `typeof import()`) and every reference to a name in `watchedGlobals`.
// A parser rather than a regular expression: comments, strings and property names such as
// `options.process` or `{ window: 3 }` are not references and must not count.
import ts from 'typescript';

/** The <script> blocks of a single-file component; the template cannot reach globals. */
function scriptsOfVue(text) {
  const blocks = [];
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    // Keep line numbers true: pad with the lines that came before the block's content.
    const offset = m.index + m[0].indexOf('>') + 1;
    blocks.push('\n'.repeat(text.slice(0, offset).split('\n').length - 1) + m[1]);
  }
  return blocks;
}

/** Names a file declares itself (variables, parameters, functions, classes, imports). */
function declaredNames(source) {
  const names = new Set();
  const visit = (node) => {
    if (
      (ts.isVariableDeclaration(node) ||
        ts.isParameter(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isBindingElement(node) ||
        ts.isImportSpecifier(node) ||
        ts.isImportClause(node) ||
        ts.isNamespaceImport(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    )
      names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** True when the identifier names a property or a member, not a variable in scope. */
function isMemberName(node) {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === node;
  if (ts.isQualifiedName(parent)) return parent.right === node;
  if (ts.isBindingElement(parent)) return parent.propertyName === node;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return true;
  if (
    ts.isPropertyAssignment(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent) ||
    ts.isEnumMember(parent) ||
    ts.isLabeledStatement(parent)
  )
    return parent.name === node || parent.label === node;
  return false;
}

function stringArgument(call) {
  const first = call.arguments[0];
  return first && ts.isStringLiteralLike(first) ? first.text : null;
}

function scanSource(fileName, text, watchedGlobals, found) {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const lineOf = (node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const shadowed = declaredNames(source);
  const addImport = (spec, node) => found.imports.push({ spec, line: lineOf(node) });
  const addGlobal = (name, node) => found.globals.push({ name, line: lineOf(node) });

  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteralLike(node.moduleSpecifier)) addImport(node.moduleSpecifier.text, node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteralLike(expr)) addImport(expr.text, node);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require' && !shadowed.has('require');
      const spec = isImport || isRequire ? stringArgument(node) : null;
      if (spec !== null) addImport(spec, node);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteralLike(arg.literal)) addImport(arg.literal.text, node);
    } else if (ts.isIdentifier(node)) {
      if (watchedGlobals.has(node.text) && !shadowed.has(node.text) && !isMemberName(node)) addGlobal(node.text, node);
    } else if (
      // globalThis.process, globalThis?.window, globalThis['document']
      (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'globalThis'
    ) {
      const key = ts.isPropertyAccessExpression(node)
        ? node.name.text
        : ts.isStringLiteralLike(node.argumentExpression)
          ? node.argumentExpression.text
          : null;
      if (key !== null && watchedGlobals.has(key)) addGlobal(`globalThis.${key}`, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/**
 * What one file imports and which watched globals it references, each with its line.
 * `watchedGlobals`: a Set of names (empty for layers that may use any global).
 */
export function scanFile(fileName, text, watchedGlobals = new Set()) {
  const found = { imports: [], globals: [] };
  const blocks = fileName.endsWith('.vue') ? scriptsOfVue(text) : [text];
  for (const block of blocks) scanSource(fileName, block, watchedGlobals, found);
  return found;
}
