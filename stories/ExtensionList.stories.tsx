import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CallStatus, ExtensionList } from '../src/components';
import { bigDirectory } from './support/data';

const meta = {
  title: 'Components/ExtensionList',
  component: ExtensionList,
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem', maxWidth: '32rem' }}>
      <CallStatus />
      <ExtensionList {...args} />
    </div>
  ),
} satisfies Meta<typeof ExtensionList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The demo company with background calls, so lamps change while you look. */
export const Directory: Story = {
  parameters: { oz: { pbx: { background: true, maxBackgroundCalls: 4, seed: 7 } } },
};

export const FilteredByType: Story = { args: { defaultType: 'Webphone' } };

export const WithOutsideLines: Story = { args: { outsideLines: true } };

/** Click an extension to call it. */
export const ClickToCall: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Call Bence Kovács 1002' }));
    await waitFor(() => expect(canvas.getByText('In call')).toBeVisible(), { timeout: 4000 });
  },
};

/** A call rings at 1004: its lamp blinks and it can be picked up here. */
export const Pickup: Story = {
  parameters: {
    oz: {
      pbx: { answerDelayMs: 60_000 },
      setup: (rig) => void rig.pbx.startCall('1003', '1004'),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const pick = await canvas.findByRole('button', { name: /Pick up the call ringing at David/ });
    await userEvent.click(pick);
    await waitFor(() => expect(canvas.getByText('In call')).toBeVisible(), { timeout: 3000 });
  },
};

const big = bigDirectory(5000);

/** 5,000 extensions: only the visible rows exist; filtering and arrow keys stay quick. */
export const FiveThousand: Story = {
  parameters: { oz: { pbx: { directory: big } } },
  play: async (ctx) => {
    const canvas = within(ctx.canvasElement);
    await expect(canvas.getByText(`${big.extensions.length} extensions`)).toBeVisible();
    await expect(
      ctx.canvasElement.querySelectorAll('.oz-extension-list__item').length,
    ).toBeLessThan(60);
    const first = canvas.getAllByRole('button', { name: /^Call / })[0];
    first?.focus();
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(document.activeElement).toHaveAccessibleName(/24999$/));
    await userEvent.type(canvas.getByLabelText('Search'), '24998');
    await waitFor(() => expect(canvas.getByText('1 extension')).toBeVisible());
  },
};

export const Dark: Story = {
  parameters: { oz: { theme: 'dark', pbx: { background: true, seed: 3 } } },
};
