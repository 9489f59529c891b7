import type { Preview } from '@storybook/react-vite';
import '../src/components/styles.css';
import './preview.css';
import { ozDecorator, ozLoader } from './oz';

const preview: Preview = {
  loaders: [ozLoader],
  decorators: [ozDecorator],
  globalTypes: {
    theme: {
      description: 'Colour scheme of the components',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    // The browser test runs axe on every story as well; here it shows in the a11y panel.
    a11y: { test: 'error' },
  },
};

export default preview;
