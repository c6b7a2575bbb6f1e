import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// The renderer is a plain static bundle: Electron loads it from app://, the browser test
// transport serves the same files. `base: './'` keeps every asset URL relative so both work.
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [vue()],
  define: {
    // Composition API only, no devtools hooks in production: smaller bundle, nothing to expose.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
  },
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    // HUBKEEPER_SOURCEMAP=1: readable, mapped output for profiling the renderer.
    sourcemap: process.env.HUBKEEPER_SOURCEMAP === '1',
    minify: process.env.HUBKEEPER_SOURCEMAP !== '1',
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // Vue, Pinia, vue-i18n and the virtualiser in one cacheable chunk with an honest name.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
  server: { host: '127.0.0.1', strictPort: false },
  preview: { host: '127.0.0.1' },
});
