import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CallStatus, IncomingCall } from '../src/components';
import { ringing } from '../.storybook/oz';
import { suspendedAudio } from './support/fakeAudio';

const meta = {
  title: 'Components/IncomingCall',
  component: IncomingCall,
  args: { audioContext: suspendedAudio },
  parameters: { oz: { setup: ringing('1003') } },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem', maxWidth: '24rem' }}>
      <IncomingCall {...args} />
      <CallStatus />
    </div>
  ),
} satisfies Meta<typeof IncomingCall>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Ringing: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Incoming call from Chloé Martin')).toBeVisible();
  },
};

/** The browser keeps the ringtone silent until a click: a visible button asks for it. */
export const AutoplayBlocked: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const enable = await canvas.findByRole('button', { name: /click to enable ringing/ });
    await userEvent.click(enable);
    await waitFor(() => expect(canvas.queryByText(/click to enable ringing/)).toBeNull());
  },
};

export const Accept: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('In call'));
    await expect(canvas.queryByText('Incoming call from Chloé Martin')).toBeNull();
  },
};

export const Reject: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Accept' })).toBeNull());
  },
};

/** Forward to another extension, with the keyboard only. */
export const Forward: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    canvas.getByRole('button', { name: 'Forward' }).focus();
    await userEvent.keyboard('{Enter}');
    await userEvent.type(canvas.getByLabelText('Forward to'), '1004{Enter}');
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Accept' })).toBeNull());
  },
};

export const Dark: Story = { parameters: { oz: { theme: 'dark', setup: ringing('1005') } } };
