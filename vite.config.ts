import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// Library build: one ESM file per public entry; runtime dependencies stay external so an app
// bundles them once (the size budget test measures ozkit's own bytes).
const external = [/^sip\.js/, /^zustand/, /^react($|\/)/, /^react-dom($|\/)/];

// ozkit/styles.css: the components' one stylesheet, shipped as it is (no CSS in the JS entries).
const copyStyles = (): Plugin => ({
  name: 'ozkit-styles',
  apply: 'build',
  generateBundle() {
    const source = readFileSync('src/components/styles.css', 'utf8');
    this.emitFile({ type: 'asset', fileName: 'styles.css', source });
  },
});

export default defineConfig({
  plugins: [copyStyles()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: {
        index: 'src/index.ts',
        simulator: 'src/simulator/index.ts',
        react: 'src/react/index.ts',
        components: 'src/components/index.ts',
        widget: 'src/widget/index.ts',
      },
      formats: ['es'],
    },
    rollupOptions: { external },
  },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // React hooks and components: jsdom, over the simulated PBX.
        test: {
          name: 'dom',
          include: ['src/**/*.test.tsx', 'test/dom/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
      {
        // Real Kamailio on loopback; each file starts its own on free ports.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/pbx/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
        },
      },
      {
        // Headless Chromium (Debian's chromium via playwright-core) against built pages.
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
      {
        // `npm run bench`: prints figures; never part of `npm test`.
        test: {
          name: 'bench',
          include: ['test/bench/**/*.bench.ts', 'test/bench/**/*.bench.tsx'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
