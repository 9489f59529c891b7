import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Softphone } from '../../src/components';
import { fakeAudio, makeComponentRig } from './components-rig';

const RECT = { width: 400, height: 400 };

describe('Softphone', () => {
  it('says whom it is connected as', async () => {
    const rig = makeComponentRig();
    await rig.connect('1012');
    rig.render(<Softphone initialRect={RECT} audioContext={fakeAudio()} />);
    expect(screen.getByText('Connected as Alex Morgan (web) (1012)')).toBeTruthy();
  });

  it('says why the login failed', async () => {
    const rig = makeComponentRig({ credentials: { '1012': 'secret' } });
    await rig.connect('1012');
    rig.render(<Softphone initialRect={RECT} audioContext={fakeAudio()} />);
    expect(screen.getByText('Connection failed')).toBeTruthy();
    expect(screen.getByText('Wrong password for extension 1012')).toBeTruthy();
  });

  it('answers an incoming call, shows it as a line, sends a message, hangs up', async () => {
    const rig = makeComponentRig();
    await rig.connect('1012');
    rig.render(<Softphone initialRect={RECT} audioContext={fakeAudio()} />);
    act(() => void rig.pbx.ringIncoming('1001'));
    fireEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    const lines = await screen.findByRole('list', { name: 'Lines' });
    await waitFor(() => expect(within(lines).getByRole('button').textContent).toContain('In call'));
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Hi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Echo: Hi', {}, { timeout: 2000 })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Lines' })).toBeNull());
  });

  it('switches tabs with the arrow keys', async () => {
    const rig = makeComponentRig();
    await rig.connect('1012');
    rig.render(<Softphone initialRect={RECT} audioContext={fakeAudio()} />);
    const first = screen.getByRole('tab', { name: 'Extensions' });
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Call history' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Call history' }), { key: 'End' });
    expect(screen.getByRole('tab', { name: 'Devices' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').textContent).toContain('Microphone');
  });
});
