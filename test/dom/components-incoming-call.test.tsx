import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { IncomingCall } from '../../src/components';
import { FakeAudio, fakeAudio, makeComponentRig } from './components-rig';

const ring = async (from = '1003') => {
  const rig = makeComponentRig();
  await rig.connect();
  let id = '';
  act(() => {
    id = rig.pbx.ringIncoming(from);
  });
  return { rig, id };
};

describe('IncomingCall', () => {
  it('renders nothing while nothing rings', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    const { container } = rig.render(<IncomingCall ringtone={false} />);
    expect(container.innerHTML).toBe('');
  });

  it('shows the caller by directory name and accepts', async () => {
    const { rig } = await ring('1003');
    rig.render(<IncomingCall ringtone={false} />);
    expect(screen.getByRole('alert').textContent).toBe('Incoming call from Chloé Martin');
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() =>
      expect(Object.values(rig.client.store.getState().calls)[0]?.state).toBe('IN_CALL'),
    );
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  });

  it('rejects', async () => {
    const { rig, id } = await ring();
    rig.render(<IncomingCall ringtone={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(rig.client.store.getState().lastEndedCall).toMatchObject({ id, state: 'REJECTED' }),
    );
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('forwards to a number', async () => {
    const { rig, id } = await ring();
    rig.render(<IncomingCall ringtone={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Forward' }));
    fireEvent.change(screen.getByLabelText('Forward to'), { target: { value: '1004' } });
    fireEvent.click(screen.getByRole('button', { name: 'Forward call' }));
    await waitFor(() =>
      expect(rig.client.store.getState().lastEndedCall).toMatchObject({
        id,
        endReason: 'forwarded',
      }),
    );
  });

  it('rings with Web Audio and, when autoplay is blocked, asks for the enabling click', async () => {
    const { rig } = await ring();
    FakeAudio.made = [];
    rig.render(<IncomingCall audioContext={fakeAudio('suspended')} />);
    const enable = await screen.findByRole('button', { name: /click to enable ringing/ });
    // Suspended: the ringtone waits instead of queueing bursts.
    expect(FakeAudio.made[0]?.oscillators).toBe(0);
    fireEvent.click(enable);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: /enable ringing/ })).toBeNull(),
    );
    expect(FakeAudio.made[0]?.state).toBe('running');
  });

  it('rings at once where the browser allows it, and stops when answered', async () => {
    const { rig } = await ring();
    FakeAudio.made = [];
    rig.render(<IncomingCall audioContext={fakeAudio('running')} />);
    expect(FakeAudio.made[0]?.oscillators).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: /enable ringing/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(FakeAudio.made[0]?.state).toBe('closed'));
  });
});
