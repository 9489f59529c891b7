import type { StorybookConfig } from '@storybook/react-vite';

// Offline by design: no telemetry, no version check, nothing fetched at build or run time.
const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/*.stories.tsx'],
  addons: ['@storybook/addon-a11y'],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    enableCrashReports: false,
    // The library's vite.config.ts builds the package; Storybook gets a plain config of its own.
    builder: {
      name: '@storybook/builder-vite',
      options: { viteConfigPath: '.storybook/vite.config.ts' },
    },
  },
  typescript: { reactDocgen: 'react-docgen-typescript' },
};

export default config;
