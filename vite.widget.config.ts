import { fileURLToPath } from 'node:url';
import { defineConfig, type Alias } from 'vite';

// dist/ozkit-dialer.js: the standalone <oz-dialer> script. One IIFE file with everything inside
// (React, SIP.js, the kit), minified, no externals, loadable by a plain <script src> on any page.
//
// Which React goes inside is the script's own business (it renders into its shadow root and
// shares nothing with the page), so it takes the lighter of the two the library supports:
// React 18.3 from tools/react18 (a workspace, so the app-facing React 19 stays at the root) is
// ~22 KiB gz lighter than React 19. The library build keeps react as a peer (18 or 19).
// `--mode react19` builds the same script with React 19 (dist/ozkit-dialer.react19.js), and
// `--mode preact` with preact/compat (dist/ozkit-dialer.preact.js); no component code changes.
const react18 = (name: string) =>
  fileURLToPath(new URL(`./tools/react18/node_modules/${name}`, import.meta.url));

/** Per mode: the runtime's aliases and the script's file name. */
const variants: Record<string, { alias: Alias[]; fileName: string }> = {
  production: {
    fileName: 'ozkit-dialer.js',
    alias: [
      { find: /^react-dom\/client$/, replacement: react18('react-dom/client.js') },
      { find: /^react-dom$/, replacement: react18('react-dom/index.js') },
      { find: /^react\/jsx-runtime$/, replacement: react18('react/jsx-runtime.js') },
      { find: /^react\/jsx-dev-runtime$/, replacement: react18('react/jsx-dev-runtime.js') },
      { find: /^react$/, replacement: react18('react/index.js') },
    ],
  },
  react19: { fileName: 'ozkit-dialer.react19.js', alias: [] },
  preact: {
    fileName: 'ozkit-dialer.preact.js',
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
};

export default defineConfig(({ mode }) => {
  const variant = variants[mode];
  if (!variant) throw new Error(`vite.widget.config.ts: unknown mode "${mode}"`);
  const { alias, fileName } = variant;
  return {
    // Library mode keeps process.env.NODE_ENV as it is; React needs it replaced.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    resolve: { alias },
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
        fileName: () => fileName,
      },
    },
  };
});
