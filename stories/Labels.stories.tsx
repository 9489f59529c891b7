import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import {
  CallControls,
  CallStatus,
  Dialer,
  OzLabelsProvider,
  type OzLabels,
} from '../src/components';
import { calling } from '../.storybook/oz';

const german: Partial<OzLabels> = {
  number: 'Rufnummer',
  numberPlaceholder: 'Nummer oder Nebenstelle',
  call: 'Anrufen',
  keypad: 'Tastenfeld',
  mute: 'Stumm',
  hold: 'Halten',
  transfer: 'Weiterleiten',
  hangUp: 'Auflegen',
  callControls: 'Anrufsteuerung',
  callStates: {
    dialing: 'Wählt…',
    RINGING: 'Klingelt',
    ANSWERED: 'Angenommen',
    IN_CALL: 'Im Gespräch',
    HOLD: 'Gehalten',
    COMPLETED: 'Beendet',
    BUSY: 'Besetzt',
    NOT_FOUND: 'Unbekannt',
    REJECTED: 'Abgelehnt',
  },
  outgoing: 'Ausgehend',
  incoming: 'Eingehend',
  duration: 'Dauer',
  backspace: 'Letztes Zeichen löschen',
  tonesSent: (k) => `Gesendete Töne: ${k}`,
};

const meta = {
  title: 'Guides/Labels',
  component: OzLabelsProvider,
  args: { labels: german },
  parameters: { oz: { setup: calling('1002') } },
  render: (args) => (
    <OzLabelsProvider {...args}>
      <div style={{ display: 'flex', gap: '2rem', flexWrap: 'wrap' }}>
        <Dialer />
        <div style={{ display: 'grid', gap: '1rem', alignContent: 'start' }}>
          <CallStatus />
          <CallControls />
        </div>
      </div>
    </OzLabelsProvider>
  ),
} satisfies Meta<typeof OzLabelsProvider>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Every string through one provider: here in German. */
export const German: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Im Gespräch')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Auflegen' })).toBeEnabled();
    await expect(canvas.getByLabelText('Rufnummer')).toBeVisible();
  },
};
