import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { CallStatus } from '../src/components';
import { calling, onHold, rigOf, ringing } from '../.storybook/oz';

const meta = {
  title: 'Components/CallStatus',
  component: CallStatus,
  // The call a setup step made, so that a call that has already ended is shown too.
  render: (args, ctx) => {
    const id = rigOf(ctx).callId;
    return <CallStatus {...args} {...(id && { call: { callId: id } })} />;
  },
} satisfies Meta<typeof CallStatus>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {};

export const Dialing: Story = {
  parameters: { oz: { pbx: { answerDelayMs: 60_000 }, setup: calling('1002', 'RINGING') } },
};

export const Ringing: Story = { parameters: { oz: { setup: ringing('1003') } } };

export const InCall: Story = {
  parameters: { oz: { setup: calling('1002') } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('In call');
    await expect(canvas.getByText('Bence Kovács')).toBeVisible();
    // The timer runs.
    await waitFor(() => expect(canvas.getByText('0:01')).toBeVisible(), { timeout: 3000 });
  },
};

export const OnHold: Story = {
  parameters: { oz: { setup: onHold('1004') } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('On hold');
  },
};

export const Busy: Story = {
  parameters: { oz: { setup: calling('1009') } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Busy');
  },
};

export const Dark: Story = { parameters: { oz: { theme: 'dark', setup: calling('1005') } } };
