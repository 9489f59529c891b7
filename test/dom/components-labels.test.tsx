import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  CallControls,
  CallStatus,
  Dialer,
  OzLabelsProvider,
  defaultLabels,
} from '../../src/components';
import { makeComponentRig } from './components-rig';

describe('labels', () => {
  it('replaces strings through the labels prop', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    rig.render(<Dialer labels={{ call: 'Anrufen', number: 'Rufnummer' }} />);
    expect(screen.getByRole('button', { name: 'Anrufen' })).toBeTruthy();
    expect(screen.getByLabelText('Rufnummer')).toBeTruthy();
    // What was not replaced keeps its default.
    expect(screen.getByRole('group', { name: defaultLabels.keypad })).toBeTruthy();
  });

  it('replaces strings through nested providers; the prop wins over both', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    await rig.call('1002');
    rig.render(
      <OzLabelsProvider labels={{ hangUp: 'Auflegen', mute: 'Stumm' }}>
        <OzLabelsProvider labels={{ mute: 'Ton aus' }}>
          <CallControls labels={{ hold: 'Halten' }} />
          <CallStatus
            labels={{ callStates: { ...defaultLabels.callStates, IN_CALL: 'Im Gespräch' } }}
          />
        </OzLabelsProvider>
      </OzLabelsProvider>,
    );
    expect(screen.getByRole('button', { name: 'Auflegen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ton aus' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Halten' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Im Gespräch');
  });

  it('formats errors through the error label', async () => {
    const rig = makeComponentRig();
    rig.render(<Dialer defaultValue="1002" labels={{ error: (code) => `Fehler ${code}` }} />);
    screen.getByRole('button', { name: 'Call' }).click();
    expect((await screen.findByRole('alert')).textContent).toBe('Fehler NOT_CONNECTED');
  });

  it('renders markup in a caller name as text', async () => {
    const evil = '<img src=x onerror=alert(1)><b>Bence</b>';
    const rig = makeComponentRig({
      directory: {
        users: [],
        extensions: [
          { id: '1001', type: 'SIP' },
          { id: '1002', type: 'SIP', displayName: evil },
        ],
        outsideLines: [],
      },
    });
    await rig.connect();
    await rig.call('1002');
    const { container } = rig.render(<CallStatus />);
    expect(container.querySelector('img, b')).toBeNull();
    expect(screen.getByText(evil)).toBeTruthy();
  });
});
