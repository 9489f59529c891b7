import { defineConfig } from 'vite';

// Storybook's own Vite config: the root vite.config.ts is the library build (lib entries,
// externals), which a Storybook bundle must not inherit. The preview bundle is big by nature
// (React, the test utilities, axe), so its size warning says nothing.
export default defineConfig({ build: { chunkSizeWarningLimit: 4000 } });
