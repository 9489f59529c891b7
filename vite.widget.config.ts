import { defineConfig } from 'vite';

// dist/ozkit-dialer.js: the standalone <oz-dialer> script. One IIFE file with everything inside
// (React, SIP.js, the kit), minified, no externals, loadable by a plain <script src> on any page.
// `--mode preact` (npm run build:widget:preact) swaps React for preact/compat without touching
// component code: dist/ozkit-dialer.preact.js.
export default defineConfig(({ mode }) => {
  const preact = mode === 'preact';
  return {
    // Library mode keeps process.env.NODE_ENV as it is; React needs it replaced.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    resolve: preact
      ? {
          alias: [
            { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
            { find: /^react-dom$/, replacement: 'preact/compat' },
            { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
            { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
            { find: /^react$/, replacement: 'preact/compat' },
          ],
        }
      : {},
    build: {
      outDir: 'dist',
      // dist/ also holds the library build: keep it.
      emptyOutDir: false,
      sourcemap: false,
      minify: true,
      target: 'es2022',
      lib: {
        entry: 'src/widget/index.ts',
        name: 'OzkitDialer',
        formats: ['iife'],
        fileName: () => (preact ? 'ozkit-dialer.preact.js' : 'ozkit-dialer.js'),
      },
    },
  };
});
