import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CallHistory, CallStatus } from '../src/components';
import { history } from './support/data';

const meta = {
  title: 'Components/CallHistory',
  component: CallHistory,
  parameters: { oz: { history: history(24) } },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem', maxWidth: '36rem' }}>
      <CallStatus />
      <CallHistory {...args} />
    </div>
  ),
} satisfies Meta<typeof CallHistory>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = { parameters: { oz: { history: [] } } };

export const Records: Story = {};

export const OnlyIncoming: Story = { args: { filter: { direction: 'Inbound' } } };

/** Redial from the history starts a call to that party. */
export const Redial: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const [redial] = await canvas.findAllByRole('button', { name: 'Call Bence Kovács 1002 again' });
    if (!redial) throw new Error('no redial button');
    await userEvent.click(redial);
    await waitFor(() => expect(canvas.getByText('In call')).toBeVisible(), { timeout: 4000 });
  },
};

export const FiveThousand: Story = {
  parameters: { oz: { history: history(5000), client: { historyLimit: 10_000 } } },
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(canvasElement.querySelector('[aria-posinset="1"]')).toHaveAttribute(
        'aria-setsize',
        '5000',
      ),
    );
    await expect(canvasElement.querySelectorAll('.oz-call-history__item').length).toBeLessThan(60);
  },
};

export const Dark: Story = { parameters: { oz: { theme: 'dark' } } };
