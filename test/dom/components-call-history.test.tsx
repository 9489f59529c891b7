import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CallHistory } from '../../src/components';
import { makeComponentRig, record } from './components-rig';

const RECT = { width: 500, height: 480 };

describe('CallHistory', () => {
  it('shows direction, party, time, duration or outcome, newest first', async () => {
    const rig = makeComponentRig({
      history: [
        record(1, { talkDuration: 75 }),
        record(0, {
          direction: 'Inbound',
          source: '1003',
          destination: '1001',
          dialed: '1001',
          state: 'Cancelled',
          talkDuration: 0,
        }),
      ],
    });
    await rig.connect();
    rig.render(<CallHistory initialRect={RECT} />);
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    const [missed, talked] = screen.getAllByRole('listitem');
    expect(missed?.textContent).toContain('Incoming');
    expect(missed?.textContent).toContain('Chloé Martin');
    expect(missed?.textContent).toContain('Missed');
    expect(talked?.textContent).toContain('Outgoing');
    expect(talked?.textContent).toContain('Bence Kovács');
    expect(talked?.textContent).toContain('1:15');
    expect(talked?.querySelector('time')?.getAttribute('dateTime')).toBe(record(1).startTime);
  });

  it('redials the other party', async () => {
    const rig = makeComponentRig({ history: [record(0)] });
    await rig.connect();
    rig.render(<CallHistory initialRect={RECT} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Call Bence Kovács 1002 again' }));
    await waitFor(() =>
      expect(Object.values(rig.client.store.getState().calls).map((c) => c.otherParty)).toEqual([
        '1002',
      ]),
    );
  });

  it('hands redial to onRedial when given', async () => {
    const rig = makeComponentRig({ history: [record(0, { dialed: '+442079460999' })] });
    await rig.connect();
    const dialed: string[] = [];
    rig.render(<CallHistory initialRect={RECT} onRedial={(n) => void dialed.push(n)} />);
    fireEvent.click(await screen.findByRole('button', { name: /again$/ }));
    await waitFor(() => expect(dialed).toEqual(['+442079460999']));
    expect(rig.client.store.getState().calls).toEqual({});
  });

  it('virtualizes 5,000 records', async () => {
    const rig = makeComponentRig({ history: Array.from({ length: 5000 }, (_, i) => record(i)) });
    await rig.connect();
    rig.render(<CallHistory initialRect={RECT} />);
    await waitFor(() =>
      expect(screen.getAllByRole('listitem')[0]?.getAttribute('aria-setsize')).toBe('5000'),
    );
    expect(screen.getAllByRole('listitem').length).toBeLessThan(30);
  });
});
