import { defineConfig } from 'vitest/config';

// Library build: one ESM file per public entry; runtime dependencies stay external so an app
// bundles them once (the size budget test measures ozkit's own bytes).
const external = [/^sip\.js/, /^zustand/, /^valibot/, /^idb/, /^react($|\/)/, /^react-dom($|\/)/];

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: {
        index: 'src/index.ts',
        simulator: 'src/simulator/index.ts',
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
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/pbx/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
