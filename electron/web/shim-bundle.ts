import { fileURLToPath } from 'node:url';

let cached: Promise<string> | null = null;

/**
 * The page shim as one browser script. Built on first use with esbuild (a dev dependency: the
 * web transport is a development and test tool, never part of the packaged app).
 */
export function shimScript(): Promise<string> {
  cached ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./shim.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const out = result.outputFiles[0];
    if (!out) throw new Error('shim build produced no output');
    return out.text;
  })();
  return cached;
}
