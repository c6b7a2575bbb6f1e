import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRendererProtocolHandler, resolveRendererFile } from '../../electron/main/protocol';
import { PRODUCTION_CSP } from '../../electron/main/csp';

let base: string;
let root: string;

beforeAll(() => {
  base = realpathSync(mkdtempSync(path.join(tmpdir(), 'hk-protocol-')));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ok</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'outside');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  // A sibling folder whose name starts like the root must not count as inside it.
  mkdirSync(path.join(base, 'renderer-evil'));
  writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'evil');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// path resolution', () => {
  it('serves files of the built renderer folder', async () => {
    expect(await resolveRendererFile(root, 'app://renderer/index.html')).toBe(path.join(root, 'index.html'));
    expect(await resolveRendererFile(root, 'app://renderer/')).toBe(path.join(root, 'index.html'));
    expect(await resolveRendererFile(root, 'app://renderer/assets/app.js?v=1#x')).toBe(
      path.join(root, 'assets', 'app.js'),
    );
  });

  it.each([
    'app://renderer/../secret.txt',
    'app://renderer/%2e%2e/secret.txt',
    'app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://renderer/assets/..%5c..%5csecret.txt',
    'app://renderer/..%2frenderer-evil/x.js',
    'app://renderer/assets/link.txt',
    'app://renderer/index.html%00.js',
    'app://renderer/%E0%A4%A',
    'app://renderer/C:/Windows/win.ini',
    'app://other/index.html',
    'app://renderer:8080/index.html',
    'app://user:pw@renderer/index.html',
    'file:///etc/passwd',
    'https://renderer/index.html',
    'app://renderer/missing.js',
    'not a url',
  ])('rejects %s', async (url) => {
    expect(await resolveRendererFile(root, url)).toBeNull();
  });
});

describe('app:// protocol handler', () => {
  it('answers documents with the production CSP and nosniff', async () => {
    const handle = await createRendererProtocolHandler(root);
    const res = await handle(new Request('app://renderer/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(PRODUCTION_CSP);
    expect(PRODUCTION_CSP).toContain("connect-src 'none'");
    expect(PRODUCTION_CSP).toContain("script-src 'self'");
    expect(PRODUCTION_CSP).not.toMatch(/unsafe-(eval|inline)/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>ok</title>');
    const js = await handle(new Request('app://renderer/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for traversal and 405 for anything but GET/HEAD', async () => {
    const handle = await createRendererProtocolHandler(root);
    expect((await handle(new Request('app://renderer/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://renderer/assets/link.txt'))).status).toBe(404);
    expect((await handle(new Request('app://renderer/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
