import { defineConfig } from 'vite';

/**
 * The review UI is a static bundle served by the API (CSP: script-src 'self', style-src 'self'), so nothing may be
 * inlined: no module-preload polyfill script, no inline style tags, assets as files.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
    reportCompressedSize: true,
  },
});
