import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is served by the API at /console (src/infra/http/console-static.ts) from web/dist.
// esbuild compiles the JSX for Preact: no Babel plugin needed.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  // The dev server proxies the API, so `npx vite web` works against `npm start`.
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
