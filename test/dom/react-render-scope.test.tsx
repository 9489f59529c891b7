// Render scope, measured with React's Profiler: 2,000 mounted extension tiles, one lamp changes,
// one tile renders — not the list, not the other tiles — in one commit.
import { act, render } from '@testing-library/react';
import { Profiler, type ProfilerOnRenderCallback } from 'react';
import { describe, expect, it } from 'vitest';
import type { DirectoryDocument } from '../../src/core/types';
import { OzProvider, useExtension, useExtensionState, useExtensions } from '../../src/react';
import { makeRig } from './react-harness';

const TILES = 2000;
const ids = Array.from({ length: TILES }, (_, i) => String(2000 + i));
const directory: DirectoryDocument = {
  users: [{ id: 'me', fullName: 'Me', devices: ['1001'] }],
  extensions: [
    { id: '1001', type: 'Webphone', displayName: 'Me' },
    ...ids.map((id) => ({ id, type: 'SIP', displayName: `Desk ${id}` })),
  ],
  outsideLines: [],
};

function setup() {
  const rig = makeRig({ directory, offline: [] });
  const tileRenders: string[] = [];
  const commits: string[] = [];
  let listRenders = 0;
  const onTile: ProfilerOnRenderCallback = (id) => void tileRenders.push(id);
  const onCommit: ProfilerOnRenderCallback = (_id, phase) => void commits.push(phase);

  function Tile({ id }: { id: string }) {
    const ext = useExtension(id);
    const lamp = useExtensionState(id);
    return <li data-lamp={lamp}>{ext?.displayName}</li>;
  }
  function List() {
    listRenders++;
    const extensions = useExtensions('SIP');
    return (
      <ul>
        {extensions.map((e) => (
          <Profiler key={e.id} id={e.id} onRender={onTile}>
            <Tile id={e.id} />
          </Profiler>
        ))}
      </ul>
    );
  }
  const view = render(
    <Profiler id="app" onRender={onCommit}>
      <OzProvider client={rig.client}>
        <List />
      </OzProvider>
    </Profiler>,
  );
  const reset = () => {
    tileRenders.length = 0;
    commits.length = 0;
    listRenders = 0;
  };
  return {
    rig,
    view,
    reset,
    tileRenders,
    commits,
    listRenders: () => listRenders,
    lamp: (id: string) => view.container.querySelector(`li:nth-child(${ids.indexOf(id) + 1})`),
  };
}

describe(`render scope with ${TILES} extension tiles`, () => {
  it('one extension rings on the simulated PBX: one tile renders, the list does not', async () => {
    const t = setup();
    await t.rig.connect();
    expect(t.view.container.querySelectorAll('li')).toHaveLength(TILES);
    expect(t.lamp('2500')?.getAttribute('data-lamp')).toBe('idle');
    t.reset();
    act(() => void t.rig.pbx.ringIncoming('2500'));
    expect(t.tileRenders).toEqual(['2500']);
    expect(t.listRenders()).toBe(0);
    expect(t.commits).toEqual(['update']);
    expect(t.lamp('2500')?.getAttribute('data-lamp')).toBe('ringing');
  });

  it('a lamp update from the backend renders exactly the tiles whose lamp changed', async () => {
    const t = setup();
    await t.rig.connect();
    t.reset();
    act(() => t.rig.events().extensionStates({ '2001': 'busy' }));
    expect(t.tileRenders).toEqual(['2001']);
    // The same state again changes nothing at all.
    t.reset();
    act(() => t.rig.events().extensionStates({ '2001': 'busy' }));
    expect(t.tileRenders).toEqual([]);
    expect(t.commits).toEqual([]);
  });

  it('a store burst is one commit', async () => {
    const t = setup();
    await t.rig.connect();
    const changed = ids.slice(0, 50);
    t.reset();
    // 50 separate store updates in one task: React commits once.
    act(() => {
      for (const id of changed) t.rig.events().extensionStates({ [id]: 'onhold' });
    });
    expect(t.commits).toEqual(['update']);
    expect([...t.tileRenders].sort()).toEqual(changed);
    expect(t.listRenders()).toBe(0);
    // A batched NOTIFY (one event, many lamps) is one store update and one commit too.
    t.reset();
    act(() =>
      t.rig.events().extensionStates(Object.fromEntries(changed.map((id) => [id, 'idle']))),
    );
    expect(t.commits).toEqual(['update']);
    expect(t.tileRenders).toHaveLength(50);
  });

  it('renaming one extension renders the list and that tile only', async () => {
    const t = setup();
    await t.rig.connect();
    t.reset();
    act(() =>
      t.rig.events().directory({
        ...directory,
        extensions: directory.extensions.map((e) =>
          e.id === '3999' ? { ...e, displayName: 'Renamed' } : e,
        ),
      }),
    );
    expect(t.listRenders()).toBe(1);
    // Tiles re-render with their parent (no memo here, on purpose): the list itself is the cost.
    expect(t.commits).toEqual(['update']);
    expect(t.view.container.querySelector('li:last-child')?.textContent).toBe('Renamed');
  });
});
