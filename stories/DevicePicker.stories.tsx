import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { DevicePicker } from '../src/components';

const meta = {
  title: 'Components/DevicePicker',
  component: DevicePicker,
} satisfies Meta<typeof DevicePicker>;
export default meta;
type Story = StoryObj<typeof meta>;

export const AllDevices: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    for (const name of ['Microphone', 'Speaker', 'Camera'])
      await expect(canvas.getByLabelText(name)).toBeInTheDocument();
  },
};

export const MicrophoneOnly: Story = { args: { kinds: ['microphone'] } };

export const Dark: Story = { parameters: { oz: { theme: 'dark' } } };
