import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { CallStatus, VideoView } from '../src/components';
import { calling } from '../.storybook/oz';

const meta = {
  title: 'Components/VideoView',
  component: VideoView,
  parameters: { oz: { setup: calling('1002', 'IN_CALL', 'VIDEO') } },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem', maxWidth: '32rem' }}>
      <CallStatus />
      <VideoView {...args} />
    </div>
  ),
} satisfies Meta<typeof VideoView>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A video call on the simulator: the local camera (fake in tests) and no remote video. */
export const VideoCall: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No video from the other party')).toBeVisible();
  },
};

export const WithoutLocalPreview: Story = { args: { local: false } };

/** An audio call has no video: the component renders nothing. */
export const AudioCall: Story = {
  parameters: { oz: { setup: calling('1002') } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.oz-video')).toBeNull();
  },
};

export const Dark: Story = {
  parameters: { oz: { theme: 'dark', setup: calling('1002', 'IN_CALL', 'VIDEO') } },
};
