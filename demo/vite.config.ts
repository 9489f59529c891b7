import { defineConfig } from 'vite';

// The demo page, served by `npm run dev` from the sources (no build step needed).
export default defineConfig({
  root: 'demo',
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  build: { outDir: '../dist-demo', emptyOutDir: true },
});
