import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { Keypad } from '../src/components';

function Pressed(props: { disabled?: boolean }) {
  const [keys, setKeys] = useState('');
  return (
    <div style={{ display: 'grid', gap: '1rem', justifyItems: 'start' }}>
      <Keypad {...props} onKey={(k) => setKeys((s) => s + k)} />
      <output aria-label="Pressed">{keys}</output>
    </div>
  );
}

const meta = {
  title: 'Components/Keypad',
  component: Keypad,
  args: { onKey: () => {} },
  render: (args) => <Pressed {...(args.disabled !== undefined && { disabled: args.disabled })} />,
} satisfies Meta<typeof Keypad>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Keys in phone order, pressed with the mouse and with Enter. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: '4' }));
    canvas.getByRole('button', { name: '#' }).focus();
    await userEvent.keyboard('{Enter}');
    await expect(canvas.getByLabelText('Pressed')).toHaveTextContent('4#');
  },
};

export const Disabled: Story = { args: { disabled: true } };

export const Dark: Story = { parameters: { oz: { theme: 'dark' } } };
