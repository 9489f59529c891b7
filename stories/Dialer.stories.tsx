import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CallControls, CallStatus, Dialer } from '../src/components';
import { calling, rigOf } from '../.storybook/oz';

const meta = {
  title: 'Components/Dialer',
  component: Dialer,
  // The dialer with the call it makes, so that a story shows the outcome of dialing.
  render: (args) => (
    <div style={{ display: 'flex', gap: '2rem', flexWrap: 'wrap' }}>
      <Dialer {...args} />
      <div style={{ display: 'grid', gap: '1rem', alignContent: 'start' }}>
        <CallStatus />
        <CallControls />
      </div>
    </div>
  ),
} satisfies Meta<typeof Dialer>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {};

export const WithVideo: Story = { args: { video: true, defaultValue: '1003' } };

/** Keypad clicks build the number, Enter dials, the call rings and is answered, then hung up. */
export const DialWithKeypad: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    for (const key of ['1', '0', '0', '2'])
      await userEvent.click(canvas.getByRole('button', { name: key }));
    const field = canvas.getByLabelText('Number');
    await expect(field).toHaveValue('1002');
    await userEvent.type(field, '{Enter}');
    await waitFor(() => expect(canvas.getByText('In call')).toBeVisible(), { timeout: 4000 });
    await expect(canvas.getByText('Bence Kovács')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Hang up' }));
    await waitFor(() => expect(canvas.getByText('Call ended')).toBeVisible());
  },
};

/** Letters that no number contains are refused with the reason; so is a misplaced +. */
export const RefusesInput: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const field = canvas.getByLabelText('Number');
    await userEvent.type(field, '12!');
    await expect(field).toHaveValue('12');
    await expect(canvas.getByText('"!" cannot be dialled')).toBeVisible();
    await userEvent.type(field, '+3{Enter}');
    await expect(canvas.getByText('A + may only stand at the start')).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  },
};

/** A pasted number loses its separators. */
export const CleansPaste: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const field = canvas.getByLabelText('Number');
    await userEvent.click(field);
    await userEvent.paste('tel:+44 (20) 7946-0100');
    await expect(field).toHaveValue('+442079460100');
    await expect(canvas.getByText('Pasted as +442079460100')).toBeVisible();
  },
};

/** During a call the keypad sends DTMF (and plays the tone locally). */
export const SendsDtmf: Story = {
  parameters: { oz: { setup: calling('8000') } },
  play: async (ctx) => {
    const canvas = within(ctx.canvasElement);
    for (const key of ['1', '2', '#'])
      await userEvent.click(canvas.getByRole('button', { name: key }));
    await expect(canvas.getByText('Tones sent: 12#')).toBeVisible();
    const rig = rigOf(ctx);
    await waitFor(() => expect(rig.pbx.dtmfLog(rig.callId ?? '')).toEqual(['1', '2', '#']));
  },
};

export const Busy: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Number'), '1009{Enter}');
    await waitFor(() => expect(canvas.getByText('Busy')).toBeVisible(), { timeout: 3000 });
  },
};

export const NotFound: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Number'), '9999{Enter}');
    await waitFor(() => expect(canvas.getByText('Not found')).toBeVisible(), { timeout: 3000 });
  },
};

/** Without a connection the dial attempt says so instead of throwing. */
export const NotConnected: Story = {
  parameters: { oz: { user: null } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Number'), '1002{Enter}');
    await expect(await canvas.findByText('Not connected to the PBX')).toBeVisible();
  },
};

export const Dark: Story = {
  parameters: { oz: { theme: 'dark' } },
  args: { defaultValue: '1003' },
};
