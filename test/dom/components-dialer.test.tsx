import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Dialer } from '../../src/components';
import { FakeAudio, fakeAudio, makeComponentRig } from './components-rig';

const field = () => screen.getByLabelText('Number') as HTMLInputElement;
const type = (value: string) => fireEvent.change(field(), { target: { value } });
const enter = () => fireEvent.submit(field().form as HTMLFormElement);

describe('Dialer', () => {
  it('refuses a character no number can contain, keeps the input and says why', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    rig.render(<Dialer />);
    type('12');
    type('12!');
    expect(field().value).toBe('12');
    expect(screen.getByText('"!" cannot be dialled')).toBeTruthy();
    expect(field().getAttribute('aria-invalid')).toBe('true');
    // Typing on clears the refusal.
    type('123');
    expect(field().getAttribute('aria-invalid')).toBeNull();
  });

  it('refuses undialable input at Enter, says why, and places no call', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    rig.render(<Dialer />);
    type('12+3');
    enter();
    expect(screen.getByText('A + may only stand at the start')).toBeTruthy();
    enter();
    expect(Object.keys(rig.client.store.getState().calls)).toEqual([]);
    type('');
    enter();
    expect(screen.getByText('Enter a number to call')).toBeTruthy();
  });

  it('refuses letters when names and SIP URIs are not allowed', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    rig.render(<Dialer allowNames={false} allowSipUri={false} />);
    type('1a');
    expect(field().value).toBe('');
    expect(screen.getByRole('status').textContent).not.toBe('');
  });

  it('cleans a pasted number (separators and tel: removed)', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    rig.render(<Dialer />);
    fireEvent.paste(field(), {
      clipboardData: { getData: () => 'tel:+44 (20) 7946-0100' },
    });
    expect(field().value).toBe('+442079460100');
    expect(screen.getByText('Pasted as +442079460100')).toBeTruthy();
    fireEvent.paste(field(), { clipboardData: { getData: () => 'call me!' } });
    expect(field().value).toBe('+442079460100');
    expect(screen.getByText('"!" cannot be dialled')).toBeTruthy();
  });

  it('dials on Enter: the call starts, the field is cleared', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    rig.render(<Dialer />);
    for (const k of ['1', '0', '0', '2']) fireEvent.click(screen.getByRole('button', { name: k }));
    expect(field().value).toBe('1002');
    await act(async () => enter());
    const calls = Object.values(rig.client.store.getState().calls);
    expect(calls.map((c) => c.otherParty)).toEqual(['1002']);
    expect(field().value).toBe('');
    await waitFor(() =>
      expect(Object.values(rig.client.store.getState().calls)[0]?.state).toBe('IN_CALL'),
    );
  });

  it('during a call the keypad sends DTMF and plays the tone locally', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    const id = await rig.call('8000');
    FakeAudio.made = [];
    rig.render(<Dialer audioContext={fakeAudio()} />);
    fireEvent.click(screen.getByRole('button', { name: '1' }));
    fireEvent.click(screen.getByRole('button', { name: '#' }));
    await waitFor(() => expect(rig.pbx.dtmfLog(id)).toEqual(['1', '#']));
    expect(screen.getByText('Tones sent: 1#')).toBeTruthy();
    // Two sine generators per key (the DTMF pair), on one context made at the first press.
    expect(FakeAudio.made).toHaveLength(1);
    expect(FakeAudio.made[0]?.oscillators).toBe(4);
    // The number field is untouched: the keys went to the call.
    expect(field().value).toBe('');
  });

  it('shows a failed dial instead of throwing', async () => {
    const rig = makeComponentRig();
    rig.render(<Dialer />);
    type('1002');
    await act(async () => enter());
    expect((await screen.findByRole('alert')).textContent).toBe('Not connected to the PBX');
  });
});
