/**
 * Limits of a bundle sent from the page in pieces (`bundles:uploadBegin` / `uploadChunk` /
 * `uploadFinish`). Zod-free: the renderer reads these values to decide how to send a file.
 *
 * Why pieces: the browser preview's WebSocket takes at most 6 MB per message (web/server.ts
 * MAX_MESSAGE_BYTES, which protects the backend from a hostile page), while a bundle may be up
 * to BUNDLE_MAX_BYTES. Sizes and offsets count UTF-16 code units (JavaScript string length),
 * which the page can measure without encoding; the backend also counts UTF-8 bytes as pieces
 * arrive, and the whole is checked again, in bytes, when it is opened.
 */

/**
 * Code units per piece. Even text whose every character JSON escapes to six bytes (`\u0001`)
 * stays at 3 MiB per message, half the transport's frame limit.
 */
export const BUNDLE_UPLOAD_CHUNK_CHARS = 512 * 1024;
/** Uploads in progress at once (all windows together): the memory they hold is bounded. */
export const BUNDLE_UPLOADS_AT_ONCE = 2;
/** An upload with no piece for this long is dropped (a page that went away). */
export const BUNDLE_UPLOAD_IDLE_MS = 60_000;
