import { buildRenderer } from '../browser/build-renderer';

/** Build the renderer once, so the tests always drive the code in this checkout. */
export default function globalSetup(): void {
  if (!buildRenderer()) throw new Error('vite build failed: the end-to-end tests need the built renderer');
}
