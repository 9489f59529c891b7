import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { CallMessages } from '../src/components';
import { calling } from '../.storybook/oz';

const meta = {
  title: 'Components/CallMessages',
  component: CallMessages,
  parameters: { oz: { setup: calling('1004') } },
} satisfies Meta<typeof CallMessages>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SendAndReceive: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Message'), 'Are you there?{Enter}');
    await expect(canvas.getByText('Are you there?')).toBeVisible();
    await expect(
      await canvas.findByText('Echo: Are you there?', {}, { timeout: 3000 }),
    ).toBeVisible();
  },
};

export const Dark: Story = { parameters: { oz: { theme: 'dark', setup: calling('1004') } } };
