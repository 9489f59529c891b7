// The README's hook examples, verbatim where they fit, running on the simulated PBX.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState, type FormEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { CallState } from '../../src/core/enums';
import type { OzError } from '../../src/core/errors';
import {
  OzProvider,
  useCall,
  useCallStateEvent,
  useConnectionState,
  useExtension,
  useExtensionState,
  useExtensions,
  useIncomingCalls,
  useMessages,
  useUser,
  useUserByExtension,
} from '../../src/react';
import { makeRig } from './react-harness';

function HelloAdmin() {
  const { registered } = useConnectionState();
  const admin = useUser('admin'); // OzWebClient.helper.getUserById('admin')
  const call = useCall(admin?.devices[0]); // OzWebClient.createCall(user.devices[0])

  // ANSWERED is a moment (the call moves on to IN_CALL at once), so it is caught as an event.
  useCallStateEvent((c, state) => {
    if (c.id === call.id && state === CallState.ANSWERED) c.sendMessage('Hello World!');
  });

  const busy = call.call !== null && !call.ended;
  return (
    <button disabled={!registered || !admin || busy} onClick={() => void call.start()}>
      {busy ? call.state : `Call ${admin?.fullName ?? 'admin'}`}
    </button>
  );
}

function Chat() {
  const call = useCall(); // no argument: the current call
  const messages = useMessages(call.id);
  return (
    <ul>
      {messages.map((m) => (
        <li key={m.id}>
          {m.direction === 'in' ? m.from : 'me'}: {m.text}
        </li>
      ))}
    </ul>
  );
}

function Dialer() {
  const [number, setNumber] = useState('');
  const call = useCall(number); // start() calls `number`, then the hook follows that call
  const up = call.call !== null && !call.ended;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    call.start().catch((err: OzError) => setNumber(`error: ${err.code}`));
  };
  return (
    <form onSubmit={submit}>
      <input aria-label="number" value={number} onChange={(e) => setNumber(e.target.value)} />
      {up ? (
        <>
          <span role="status">{call.state}</span>
          <button type="button" onClick={() => void call.hangUp()}>
            Hang up
          </button>
          <button
            type="button"
            onClick={() => void (call.state === 'HOLD' ? call.unHold() : call.hold())}
          >
            {call.state === 'HOLD' ? 'Resume' : 'Hold'}
          </button>
        </>
      ) : (
        <button>Call</button>
      )}
    </form>
  );
}

function IncomingBanner() {
  const [first] = useIncomingCalls();
  const call = useCall(first ? { callId: first.id } : null);
  if (!first) return null;
  return (
    <div role="alert">
      {first.otherPartyName ?? first.otherParty} is calling
      <button onClick={() => void call.accept()}>Answer</button>
      <button onClick={() => void call.reject()}>Decline</button>
      <button onClick={() => void call.forward('8500')}>To voicemail</button>
    </div>
  );
}

function Tile({ id }: { id: string }) {
  const ext = useExtension(id);
  const lamp = useExtensionState(id);
  const owner = useUserByExtension(id);
  return <li className={`lamp-${lamp}`}>{ext?.displayName ?? owner?.fullName ?? id}</li>;
}

function Board() {
  const phones = useExtensions('SIP');
  return (
    <ul aria-label="board">
      {phones.map((e) => (
        <Tile key={e.id} id={e.id} />
      ))}
    </ul>
  );
}

describe('README examples', () => {
  it("Ozeki's getUserById example: calls admin's first device and says Hello World!", async () => {
    const rig = makeRig();
    render(
      <OzProvider client={rig.client}>
        <HelloAdmin />
        <Chat />
      </OzProvider>,
    );
    const button = screen.getByRole('button');
    expect(button).toHaveProperty('disabled', true);
    await rig.connect();
    expect(button.textContent).toBe('Call Alex Morgan');
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByText('me: Hello World!')).toBeTruthy());
    expect(button.textContent).toBe('IN_CALL');
    expect(
      rig.client.store.getState().calls[rig.client.store.getState().currentCallId ?? '']
        ?.otherParty,
    ).toBe('1000');
  });

  it('the dialer calls, holds, resumes and hangs up; a bad number is an OzError', async () => {
    const rig = makeRig();
    render(
      <OzProvider client={rig.client}>
        <Dialer />
      </OzProvider>,
    );
    await rig.connect();
    const input = screen.getByLabelText('number');
    fireEvent.change(input, { target: { value: '1002' } });
    fireEvent.click(screen.getByText('Call'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('IN_CALL'));
    fireEvent.click(screen.getByText('Hold'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('HOLD'));
    fireEvent.click(screen.getByText('Resume'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('IN_CALL'));
    fireEvent.click(screen.getByText('Hang up'));
    await waitFor(() => expect(screen.getByText('Call')).toBeTruthy());
    fireEvent.change(input, { target: { value: 'not a number!' } });
    await act(async () => void fireEvent.click(screen.getByText('Call')));
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('error: INVALID_NUMBER'));
  });

  it('the incoming banner answers, and the board lights up', async () => {
    const rig = makeRig();
    const view = render(
      <OzProvider client={rig.client}>
        <IncomingBanner />
        <Board />
      </OzProvider>,
    );
    await rig.connect();
    const lamp = () => view.container.querySelector('li:first-child')?.className;
    expect(lamp()).toBe('lamp-idle'); // 1000
    act(() => void rig.pbx.ringIncoming('1000'));
    expect(screen.getByRole('alert').textContent).toContain('Alex Morgan is calling');
    expect(lamp()).toBe('lamp-ringing');
    fireEvent.click(screen.getByText('Answer'));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await waitFor(() => expect(lamp()).toBe('lamp-busy'));
  });
});
