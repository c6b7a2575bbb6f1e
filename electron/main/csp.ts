/**
 * The renderer's Content-Security-Policy, sent as a response header by the app:// protocol
 * handler for every document. The renderer never talks to the network (all I/O happens in main
 * through IPC), so `connect-src 'none'`; Vue templates are precompiled, so no `unsafe-eval`;
 * Vite extracts CSS to files, so no inline styles; device-supplied text cannot become markup.
 */
export const PRODUCTION_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "media-src 'none'",
].join('; ');
