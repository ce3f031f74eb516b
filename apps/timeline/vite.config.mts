import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The timeline page, built from installed packages into dist/timeline, which the API serves at
 * /timeline (apps/api/src/timeline-page). No CDN, no inline script: the page runs under the
 * API's Content-Security-Policy (scripts of its own origin only).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/timeline/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/timeline', import.meta.url)),
    emptyOutDir: true,
    // One stylesheet and one script module; the page is small enough.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1_000,
  },
});
