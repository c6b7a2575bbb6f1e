import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatic, resolveStaticFile } from '../../electron/web/static-files';

// The browser transport serves the built renderer like main's app:// handler does; the same
// path rules must hold there, since the e2e tests and `npm run dev:web` use it.
let base: string;
let root: string;

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'web-static-')));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  symlinkSync(join(base, 'secret.txt'), join(root, 'link.txt'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('web transport static files', () => {
  it('serves index.html for / and files below the root with their type', async () => {
    expect(await resolveStaticFile(root, '/')).toBe(join(root, 'index.html'));
    const file = await resolveStaticFile(root, '/assets/app.js?v=1');
    expect(file).toBe(join(root, 'assets', 'app.js'));
    expect((await readStatic(file!)).type).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/index.html%00.js',
    '/link.txt',
    '/missing.js',
    '/%E0%A4%A',
  ])('refuses %s', async (request) => {
    expect(await resolveStaticFile(root, request)).toBeNull();
  });
});
