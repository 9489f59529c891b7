import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { Softphone } from '../src/components';
import { calling, rigOf, ringing, steps } from '../.storybook/oz';
import { suspendedAudio } from './support/fakeAudio';
import { history } from './support/data';

const meta = {
  title: 'Prefabs/Softphone',
  component: Softphone,
  args: { audioContext: suspendedAudio, listHeight: '16rem' },
  parameters: {
    oz: { user: '1012', history: history(12), pbx: { background: true, seed: 11 } },
  },
} satisfies Meta<typeof Softphone>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Presses Tab (or Shift+Tab) until `el` has the focus, as a keyboard user would. */
async function tabTo(el: HTMLElement, back = false) {
  for (let i = 0; i < 40 && document.activeElement !== el; i++)
    await userEvent.tab({ shift: back });
  await expect(el).toHaveFocus();
}

export const Idle: Story = {};

export const Ringing: Story = {
  parameters: { oz: { user: '1012', setup: ringing('1001') } },
};

/** A call from the keyboard only: Tab to the field, type, Enter; then hang up with Enter. */
export const KeyboardCall: Story = {
  parameters: { oz: { user: '1012' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const field = canvas.getByLabelText('Number');
    await tabTo(field);
    await userEvent.keyboard('1003{Enter}');
    await waitFor(() => expect(canvas.getAllByText('In call')[0]).toBeVisible(), { timeout: 4000 });
    const hangUp = canvas.getByRole('button', { name: 'Hang up' });
    await tabTo(hangUp, true);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvas.getByText('Call ended')).toBeVisible());
  },
};

/** Answer an incoming call, exchange a message, hang up. */
export const AnswerAndMessage: Story = {
  parameters: { oz: { user: '1012', setup: ringing('1001') } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(canvas.getAllByText('In call')[0]).toBeVisible());
    await userEvent.type(canvas.getByPlaceholderText('Message'), 'Hello there{Enter}');
    await expect(await canvas.findByText('Echo: Hello there', {}, { timeout: 3000 })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Hang up' }));
    await waitFor(() => expect(canvas.getByText('Call ended')).toBeVisible());
  },
};

/** Two calls: one on hold, one up; the lines switch between them. */
export const TwoLines: Story = {
  parameters: {
    oz: {
      user: '1012',
      setup: steps(calling('1002'), async (rig) => {
        const first = rig.callId ? rig.client.getCall(rig.callId) : null;
        await first?.actions.hold();
        await calling('1003')(rig);
      }),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const lines = canvas.getByRole('list', { name: 'Lines' });
    const [bence] = within(lines).getAllByRole('button', { name: /Bence/ });
    if (!bence) throw new Error('no line for Bence');
    await userEvent.click(bence);
    await expect(bence).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Hold' })).toHaveAttribute('aria-pressed', 'true'),
    );
  },
};

/** Switching tabs with the arrow keys; the history tab redials. */
export const HistoryTab: Story = {
  parameters: { oz: { user: '1012', history: history(12) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    canvas.getByRole('tab', { name: 'Extensions' }).focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('tab', { name: 'Call history' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(canvas.getByRole('list', { name: 'Call history' })).toBeVisible();
  },
};

/** The login is refused: the softphone says why instead of failing silently. */
export const LoginRefused: Story = {
  parameters: { oz: { user: '1012', password: 'wrong' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Connection failed')).toBeVisible();
  },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { oz: { user: '1012', theme: 'dark', setup: calling('1002') } },
};

/** The IVR answers DTMF from the keypad with messages. */
export const IvrDtmf: Story = {
  parameters: { oz: { user: '1012', setup: calling('8000') } },
  play: async (ctx) => {
    const canvas = within(ctx.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: '1' }));
    await expect(await canvas.findByText('You pressed 1', {}, { timeout: 3000 })).toBeVisible();
    const rig = rigOf(ctx);
    await expect(rig.pbx.dtmfLog(rig.callId ?? '')).toEqual(['1']);
  },
};
