import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { CallLines, CallStatus } from '../src/components';
import { calling, steps } from '../.storybook/oz';

function Lines() {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <CallLines selected={selected} onSelect={setSelected} />
      <CallStatus call={selected ? { callId: selected } : undefined} />
    </div>
  );
}

const meta = {
  title: 'Components/CallLines',
  component: CallLines,
  args: { selected: null, onSelect: () => {} },
  parameters: { oz: { setup: steps(calling('1002'), calling('1003')) } },
  render: () => <Lines />,
} satisfies Meta<typeof CallLines>;
export default meta;
type Story = StoryObj<typeof meta>;

export const TwoCalls: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: /Bence Kovács/ }));
    await expect(canvas.getByRole('button', { name: /Bence Kovács/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  },
};

export const Dark: Story = { parameters: { oz: { theme: 'dark', setup: calling('1002') } } };
