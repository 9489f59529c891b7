import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CallControls, CallStatus } from '../src/components';
import { calling, onHold, rigOf } from '../.storybook/oz';

const meta = {
  title: 'Components/CallControls',
  component: CallControls,
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <CallStatus />
      <CallControls {...args} />
    </div>
  ),
} satisfies Meta<typeof CallControls>;
export default meta;
type Story = StoryObj<typeof meta>;

const button = (el: HTMLElement, name: string) => within(el).getByRole('button', { name });

/** Without a call every button is disabled. */
export const NoCall: Story = {
  play: async ({ canvasElement }) => {
    for (const name of ['Mute', 'Hold', 'Keypad', 'Transfer', 'Hang up'])
      await expect(button(canvasElement, name)).toBeDisabled();
  },
};

/** While the other side rings, only hang up (cancel) is possible. */
export const Ringing: Story = {
  parameters: { oz: { pbx: { answerDelayMs: 60_000 }, setup: calling('1002', 'RINGING') } },
  play: async ({ canvasElement }) => {
    for (const name of ['Mute', 'Hold', 'Keypad', 'Transfer'])
      await expect(button(canvasElement, name)).toBeDisabled();
    await expect(button(canvasElement, 'Hang up')).toBeEnabled();
  },
};

/** Mute and hold toggle, the keypad sends DTMF, hang up ends the call. */
export const InCall: Story = {
  parameters: { oz: { setup: calling('8000') } },
  play: async (ctx) => {
    const el = ctx.canvasElement;
    const canvas = within(el);
    await userEvent.click(button(el, 'Mute'));
    await waitFor(() => expect(button(el, 'Mute')).toHaveAttribute('aria-pressed', 'true'));
    await userEvent.click(button(el, 'Hold'));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('On hold'));
    await expect(button(el, 'Keypad')).toBeDisabled();
    await userEvent.click(button(el, 'Hold'));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('In call'));
    await userEvent.click(button(el, 'Keypad'));
    await userEvent.click(button(el, '5'));
    const rig = rigOf(ctx);
    await waitFor(() => expect(rig.pbx.dtmfLog(rig.callId ?? '')).toEqual(['5']));
    await userEvent.click(button(el, 'Hang up'));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Call ended'));
    await expect(button(el, 'Hang up')).toBeDisabled();
  },
};

export const OnHold: Story = {
  parameters: { oz: { setup: onHold('1003') } },
  play: async ({ canvasElement }) => {
    await expect(button(canvasElement, 'Hold')).toHaveAttribute('aria-pressed', 'true');
    await expect(button(canvasElement, 'Keypad')).toBeDisabled();
    await expect(button(canvasElement, 'Transfer')).toBeEnabled();
  },
};

/** Blind transfer to a directory entry, by keyboard. */
export const Transfer: Story = {
  parameters: { oz: { setup: calling('1002') } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(button(canvasElement, 'Transfer'));
    await userEvent.type(canvas.getByLabelText('Transfer to'), '1003{Enter}');
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Call ended'));
  },
};

/** A transfer to a number that does not exist fails visibly and the call stays up. */
export const TransferFails: Story = {
  parameters: { oz: { setup: calling('1002') } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(button(canvasElement, 'Transfer'));
    await userEvent.type(canvas.getByLabelText('Transfer to'), '9999{Enter}');
    await expect(await canvas.findByText('9999 cannot be reached')).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent('In call');
  },
};

export const Dark: Story = { parameters: { oz: { theme: 'dark', setup: calling('1002') } } };
