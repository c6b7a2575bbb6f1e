import { BundleUploads, type BundleUploadsOptions } from '../bundles';
import type { DispatchContext, HandlerGroup } from './context';
import { openBundleText, unavailable } from './handlers-bundles';

type UploadChannels = 'bundles:uploadBegin' | 'bundles:uploadChunk' | 'bundles:uploadFinish';

/**
 * A bundle sent from the page in pieces: the browser preview's WebSocket bounds one message at
 * 6 MB (and must, against a hostile page), a bundle may be up to 32 MB. The pieces are held by
 * `BundleUploads` (bounded in size, number and time); the finished text is opened exactly as
 * `bundles:openText` opens it. Each upload belongs to the window (client) that began it.
 */
export function bundleUploadHandlers(
  ctx: DispatchContext,
  options: BundleUploadsOptions = {},
): HandlerGroup<UploadChannels> & { disconnected(clientId: string): void; dispose(): void } {
  const uploads = new BundleUploads(options);
  return {
    'bundles:uploadBegin': async ({ size }, { clientId }) =>
      ctx.services.bundles ? uploads.begin(clientId, size) : unavailable(),
    'bundles:uploadChunk': async ({ uploadId, offset, text }, { clientId }) =>
      uploads.chunk(clientId, uploadId, offset, text),
    'bundles:uploadFinish': async ({ uploadId }, { clientId }) => {
      const port = ctx.services.bundles;
      const text = uploads.finish(clientId, uploadId);
      if (!text.ok) return text;
      return port ? openBundleText(ctx, port, text.value) : unavailable();
    },
    // A window that went away will never finish its upload: free its memory now.
    disconnected: (clientId) => uploads.dropOwner(clientId),
    dispose: () => uploads.clear(),
  };
}
