import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ExtensionList } from '../../src/components';
import { demoDirectory } from '../../src/simulator';
import { makeComponentRig } from './components-rig';

const RECT = { width: 400, height: 480 };
const rowOf = (id: string) =>
  screen
    .getAllByRole('listitem')
    .find((li) => li.querySelector('.oz-extension-list__number')?.textContent === id);

describe('ExtensionList', () => {
  it('lists the extensions with BLF lamps (idle, busy, offline)', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    rig.render(<ExtensionList initialRect={RECT} />);
    expect(screen.getByText(`${demoDirectory.extensions.length} extensions`)).toBeTruthy();
    expect(rowOf('1002')?.querySelector('.oz-lamp--idle')).toBeTruthy();
    expect(rowOf('1009')?.querySelector('.oz-lamp--busy')).toBeTruthy();
    expect(rowOf('1008')?.querySelector('.oz-lamp--offline')).toBeTruthy();
    expect(rowOf('1008')?.textContent).toContain('Offline');
  });

  it('follows a lamp as it changes', async () => {
    const rig = makeComponentRig({ answerDelayMs: 60_000 });
    await rig.connect();
    rig.render(<ExtensionList initialRect={RECT} />);
    act(() => void rig.pbx.startCall('1003', '1004'));
    await waitFor(() => expect(rowOf('1004')?.querySelector('.oz-lamp--ringing')).toBeTruthy());
    // Both ends of a ringing dialog blink (dialog-info reports the early state for both).
    expect(rowOf('1003')?.querySelector('.oz-lamp--ringing')).toBeTruthy();
  });

  it('filters by text and by type', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    rig.render(<ExtensionList initialRect={RECT} />);
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'ANNA' } });
    await waitFor(() => expect(screen.getByText('1 extension')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Call Anna Fischer 1001' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'IVR' } });
    await waitFor(() => expect(screen.getByText('1 extension')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Call Main menu 8000' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'nobody' } });
    await waitFor(() => expect(screen.getByText('No extension matches')).toBeTruthy());
  });

  it('calls an extension on click', async () => {
    const rig = makeComponentRig();
    await rig.connect();
    rig.render(<ExtensionList initialRect={RECT} />);
    fireEvent.click(screen.getByRole('button', { name: 'Call Bence Kovács 1002' }));
    await waitFor(() =>
      expect(Object.values(rig.client.store.getState().calls).map((c) => c.otherParty)).toEqual([
        '1002',
      ]),
    );
  });

  it('picks up a call that rings at another extension', async () => {
    const rig = makeComponentRig({ answerDelayMs: 60_000 });
    await rig.connect();
    rig.render(<ExtensionList initialRect={RECT} />);
    act(() => void rig.pbx.startCall('1003', '1004'));
    const pickup = await screen.findByRole('button', {
      name: 'Pick up the call ringing at David Okafor',
    });
    fireEvent.click(pickup);
    await waitFor(() =>
      expect(Object.values(rig.client.store.getState().calls)[0]).toMatchObject({
        direction: 'inbound',
        otherParty: '1003',
        state: 'IN_CALL',
      }),
    );
  });

  it('renders only the visible rows of 5,000 extensions', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      id: String(20000 + i),
      type: 'SIP',
      displayName: `Person ${i}`,
    }));
    const rig = makeComponentRig({ directory: { users: [], extensions: many, outsideLines: [] } });
    await rig.connect('20000');
    const started = performance.now();
    rig.render(<ExtensionList initialRect={RECT} rowHeight={48} />);
    expect(screen.getByText('5000 extensions')).toBeTruthy();
    const rows = screen.getAllByRole('listitem');
    // 480 px / 48 px = 10 visible rows plus the overscan, never 5,000.
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeLessThan(30);
    expect(rows[0]?.getAttribute('aria-setsize')).toBe('5000');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('renders markup in a display name as text', async () => {
    const rig = makeComponentRig({
      directory: {
        users: [],
        extensions: [
          { id: '1001', type: 'SIP' },
          { id: '1002', type: 'SIP', displayName: '<img src=x onerror=alert(1)>' },
        ],
        outsideLines: [],
      },
    });
    await rig.connect();
    const { container } = rig.render(<ExtensionList initialRect={RECT} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
  });
});
