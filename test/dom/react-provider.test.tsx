import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { StrictMode, useState, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as ozkit from '../../src/index';
import { OzError } from '../../src/core/errors';
import type { OzClientOptions } from '../../src/core/options';
import {
  OzProvider,
  useCall,
  useConnectionActions,
  useConnectionState,
  useExtensionState,
  useIncomingCallEvent,
  useOzClient,
  useUsers,
  type OzCredentials,
} from '../../src/react';
import { createSimulatedPbx } from '../../src/simulator';
import { makeRig, settle, spyBackend } from './react-harness';

// Counts the clients the provider creates (it must create them through createOzWebClient).
vi.mock('../../src/index', async (importOriginal) => {
  const real = await importOriginal<typeof ozkit>();
  return { ...real, createOzWebClient: vi.fn(real.createOzWebClient) };
});
const created = vi.mocked(ozkit.createOzWebClient);
afterEach(() => created.mockClear());

const creds = (user = '1001'): OzCredentials => ({ server: 'sim', user, password: 'demo' });
const sim = () => spyBackend(createSimulatedPbx({ background: false }));

function Phase({ label = 'phase' }: { label?: string }) {
  const c = useConnectionState();
  return <p data-testid={label}>{`${c.phase}:${c.user ?? '-'}`}</p>;
}

describe('OzProvider', () => {
  it('useOzClient throws a clear OzError outside a provider', () => {
    let caught: unknown;
    function Probe() {
      try {
        useOzClient();
      } catch (err) {
        caught = err;
      }
      return null;
    }
    render(<Probe />);
    expect(caught).toBeInstanceOf(OzError);
    expect((caught as OzError).code).toBe('INVALID_STATE');
    expect((caught as OzError).message).toMatch(/outside <OzProvider>/);
    // The data hooks say the same.
    expect(() => renderHook(() => useUsers())).toThrow(/outside <OzProvider>/);
  });

  it('hands a client the app made to the hooks and leaves its connection alone', async () => {
    const rig = makeRig();
    const { result, unmount } = renderHook(() => useOzClient(), { wrapper: rig.wrapper });
    expect(result.current).toBe(rig.client);
    await rig.connect();
    unmount();
    expect(rig.log).toEqual(['connect:1001']);
    expect(rig.client.store.getState().connection.registered).toBe(true);
  });

  it('with options and autoConnect: creates the client in an effect, connects, disconnects on unmount', async () => {
    const spy = sim();
    const seen: (ozkit.OzClient | null)[] = [];
    function Probe() {
      seen.push(useOzClient());
      return <Phase />;
    }
    const { unmount } = render(
      <OzProvider
        options={{ backend: spy.backend, history: 'memory' }}
        autoConnect
        credentials={creds()}
      >
        <Probe />
      </OzProvider>,
    );
    // The first render ran before any client existed: none was made during render.
    expect(seen[0]).toBeNull();
    expect(created).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId('phase').textContent).toBe('registered:1001'));
    const client = seen[seen.length - 1];
    expect(client).not.toBeNull();
    unmount();
    await waitFor(() => expect(spy.log).toEqual(['connect:1001', 'disconnect']));
    expect(client?.store.getState().connection.phase).toBe('closed');
  });

  it('under StrictMode: exactly one client and one connect', async () => {
    const spy = sim();
    const options: OzClientOptions = { backend: spy.backend, history: 'memory' };
    const { unmount } = render(
      <StrictMode>
        <OzProvider options={options} autoConnect credentials={creds()}>
          <Phase />
        </OzProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('phase').textContent).toBe('registered:1001'));
    await settle(50);
    expect(created).toHaveBeenCalledTimes(1);
    expect(spy.connects()).toBe(1);
    expect(spy.log).toEqual(['connect:1001']);
    unmount();
    await waitFor(() => expect(spy.log).toEqual(['connect:1001', 'disconnect']));
  });

  it('under StrictMode with an app client and autoConnect: one connect', async () => {
    const rig = makeRig();
    render(
      <StrictMode>
        <OzProvider client={rig.client} autoConnect credentials={creds('1002')}>
          <Phase />
        </OzProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('phase').textContent).toBe('registered:1002'));
    await settle(50);
    expect(rig.log).toEqual(['connect:1002']);
  });

  it('changing credentials disconnects the old client before the new one connects', async () => {
    const spy = sim();
    const clients: (ozkit.OzClient | null)[] = [];
    function Probe() {
      clients.push(useOzClient());
      return <Phase />;
    }
    const options = { backend: spy.backend, history: 'memory' } as const;
    const { rerender } = render(
      <OzProvider options={options} autoConnect credentials={creds('1001')}>
        <Probe />
      </OzProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('phase').textContent).toBe('registered:1001'));
    // Equal credentials in a new object change nothing.
    rerender(
      <OzProvider options={{ ...options }} autoConnect credentials={creds('1001')}>
        <Probe />
      </OzProvider>,
    );
    await settle(20);
    expect(spy.log).toEqual(['connect:1001']);
    rerender(
      <OzProvider options={options} autoConnect credentials={creds('1003')}>
        <Probe />
      </OzProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('phase').textContent).toBe('registered:1003'));
    expect(spy.log).toEqual(['connect:1001', 'disconnect', 'connect:1003']);
    expect(created).toHaveBeenCalledTimes(2);
    const distinct = new Set(clients.filter(Boolean));
    expect(distinct.size).toBe(2);
    const [first] = distinct;
    expect(first?.store.getState().connection.phase).toBe('closed');
  });

  it('two providers on one page are independent', async () => {
    const a = makeRig();
    const b = makeRig();
    render(
      <>
        <OzProvider client={a.client}>
          <Phase label="a" />
          <Lamp id="1002" label="lamp-a" />
        </OzProvider>
        <OzProvider client={b.client}>
          <Phase label="b" />
          <Lamp id="1002" label="lamp-b" />
        </OzProvider>
      </>,
    );
    await a.connect('1001');
    expect(screen.getByTestId('a').textContent).toBe('registered:1001');
    expect(screen.getByTestId('b').textContent).toBe('idle:-');
    await b.connect('1005');
    act(() => void a.pbx.startCall('1002', '1003'));
    expect(screen.getByTestId('lamp-a').textContent).toBe('ringing');
    expect(screen.getByTestId('lamp-b').textContent).toBe('idle');
    expect(screen.getByTestId('b').textContent).toBe('registered:1005');
  });

  it('two option providers create two clients', async () => {
    const sa = sim();
    const sb = sim();
    render(
      <>
        <OzProvider
          options={{ backend: sa.backend, history: 'memory' }}
          autoConnect
          credentials={creds('1001')}
        >
          <Phase label="a" />
        </OzProvider>
        <OzProvider
          options={{ backend: sb.backend, history: 'memory' }}
          autoConnect
          credentials={creds('1004')}
        >
          <Phase label="b" />
        </OzProvider>
      </>,
    );
    await waitFor(() => {
      expect(screen.getByTestId('a').textContent).toBe('registered:1001');
      expect(screen.getByTestId('b').textContent).toBe('registered:1004');
    });
    expect(created).toHaveBeenCalledTimes(2);
    expect(sa.log).toEqual(['connect:1001']);
    expect(sb.log).toEqual(['connect:1004']);
  });

  it('without autoConnect the app connects through useConnectionActions', async () => {
    const spy = sim();
    const { result } = renderHook(
      () => ({ state: useConnectionState(), act: useConnectionActions() }),
      {
        wrapper: ({ children }: { children?: ReactNode }) => (
          <OzProvider options={{ backend: spy.backend, history: 'memory' }}>{children}</OzProvider>
        ),
      },
    );
    const actions = result.current.act;
    await act(() => result.current.act.connect('sim', '1001', 'wrong'));
    expect(result.current.state.state).toBe('ACCESS_DENIED');
    expect(result.current.state.phase).toBe('failed');
    await act(() => result.current.act.connect('sim', '1001', 'demo'));
    expect(result.current.state).toMatchObject({
      state: 'ACCESS_GRANTED',
      phase: 'registered',
      registered: true,
      connected: true,
      reconnecting: false,
    });
    await expect(result.current.act.connect('sim', '')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(result.current.act).toBe(actions);
    await act(() => result.current.act.disconnect());
    expect(result.current.state.state).toBe('CONNECTION_CLOSED');
  });

  it('shows reconnecting with the next attempt time', async () => {
    const rig = makeRig();
    await rig.connect();
    const { result } = renderHook(() => useConnectionState(), { wrapper: rig.wrapper });
    act(() => rig.pbx.dropConnection());
    expect(result.current).toMatchObject({
      phase: 'reconnecting',
      reconnecting: true,
      registered: false,
    });
    expect(result.current.nextAttemptAt).toBeGreaterThan(Date.now());
    // The same object for every reader while nothing changed.
    const { result: other } = renderHook(() => useConnectionState(), { wrapper: rig.wrapper });
    expect(other.current).toBe(result.current);
  });

  it('leaves no listener behind on the client or its store after unmount', async () => {
    const rig = makeRig();
    await rig.connect();
    const baseClient = rig.client.listenerCount();
    const baseStore = rig.storeListeners();
    function Everything() {
      useUsers();
      useExtensionState('1002');
      useConnectionState();
      useCall('1002');
      useIncomingCallEvent(() => {});
      return null;
    }
    function Toggle() {
      const [on, set] = useState(true);
      return (
        <>
          <button onClick={() => set(!on)}>toggle</button>
          {on && <Everything />}
        </>
      );
    }
    const { unmount } = render(
      <StrictMode>
        <OzProvider client={rig.client}>
          <Toggle />
        </OzProvider>
      </StrictMode>,
    );
    expect(rig.client.listenerCount()).toBe(baseClient + 1);
    expect(rig.storeListeners()).toBeGreaterThan(baseStore);
    act(() => screen.getByText('toggle').click());
    expect(rig.client.listenerCount()).toBe(baseClient);
    expect(rig.storeListeners()).toBe(baseStore);
    act(() => screen.getByText('toggle').click());
    unmount();
    expect(rig.client.listenerCount()).toBe(baseClient);
    expect(rig.storeListeners()).toBe(baseStore);
  });
});

function Lamp({ id, label }: { id: string; label: string }) {
  return <p data-testid={label}>{useExtensionState(id)}</p>;
}
