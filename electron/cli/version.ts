/** The bundler defines HUBKEEPER_VERSION from package.json; running from source shows the fallback. */
export const VERSION = process.env.HUBKEEPER_VERSION ?? '0.1.0-dev';
