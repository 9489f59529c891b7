import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CallControls, CallStatus } from '../../src/components';
import { makeComponentRig } from './components-rig';

const NAMES = ['Mute', 'Hold', 'Keypad', 'Transfer', 'Hang up'] as const;
const enabled = () =>
  NAMES.filter((n) => !(screen.getByRole('button', { name: n }) as HTMLButtonElement).disabled);

describe('CallControls', () => {
  it('disables every button without a call', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    rig.render(<CallControls />);
    expect(enabled()).toEqual([]);
  });

  it('allows only hang up while the other side rings', async () => {
    const rig = makeComponentRig({ answerDelayMs: 60_000 });
    await rig.connect();
    await rig.call('1002', 'RINGING');
    rig.render(<CallControls />);
    expect(enabled()).toEqual(['Hang up']);
  });

  it('enables everything in a call; on hold the keypad is off; after hang-up nothing', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    const id = await rig.call('1002');
    rig.render(
      <>
        <CallStatus />
        <CallControls />
      </>,
    );
    expect(enabled()).toEqual([...NAMES]);

    fireEvent.click(screen.getByRole('button', { name: 'Mute' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed')).toBe(
        'true',
      ),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Hold' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('On hold'));
    expect(screen.getByRole('button', { name: 'Hold' }).getAttribute('aria-pressed')).toBe('true');
    expect(enabled()).toEqual(['Mute', 'Hold', 'Transfer', 'Hang up']);

    fireEvent.click(screen.getByRole('button', { name: 'Hold' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('In call'));

    fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Call ended'));
    expect(enabled()).toEqual([]);
    expect(rig.client.store.getState().lastEndedCall?.id).toBe(id);
  });

  it('keeps Hold usable while only the other party holds', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    const id = await rig.call('1002');
    rig.render(
      <>
        <CallStatus />
        <CallControls />
      </>,
    );
    act(() => rig.pbx.holdRemote(id, true));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^On hold/));
    expect(screen.getByRole('status').textContent).toContain('Held by the other party');
    expect(enabled()).toEqual(['Mute', 'Hold', 'Transfer', 'Hang up']);
  });

  it('sends DTMF from its keypad and transfers to a number', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    const id = await rig.call('1002');
    rig.render(<CallControls />);
    fireEvent.click(screen.getByRole('button', { name: 'Keypad' }));
    fireEvent.click(within(screen.getByRole('group', { name: 'Keypad' })).getByText('7'));
    await waitFor(() => expect(rig.pbx.dtmfLog(id)).toEqual(['7']));

    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    expect(screen.queryByRole('group', { name: 'Keypad' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Transfer to'), { target: { value: '1003' } });
    fireEvent.click(screen.getByRole('button', { name: 'Transfer call' }));
    await waitFor(() =>
      expect(rig.client.store.getState().lastEndedCall).toMatchObject({
        id,
        endReason: 'transferred',
      }),
    );
  });

  it('shows a failed transfer and keeps the call', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    await rig.call('1002');
    rig.render(<CallControls />);
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    fireEvent.change(screen.getByLabelText('Transfer to'), { target: { value: '9999' } });
    fireEvent.click(screen.getByRole('button', { name: 'Transfer call' }));
    expect((await screen.findByRole('alert')).textContent).toBe('9999 cannot be reached');
    expect(Object.values(rig.client.store.getState().calls)[0]?.state).toBe('IN_CALL');
  });
});
