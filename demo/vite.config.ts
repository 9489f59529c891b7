import { defineConfig } from 'vite';

// The demo: `npm run dev` serves it from the sources; `vite build --config demo/vite.config.ts`
// writes a static copy to dist-demo/ (relative paths, so it runs from any directory).
export default defineConfig({
  root: 'demo',
  base: './',
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  build: { outDir: '../dist-demo', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
