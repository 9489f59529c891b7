import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  useExtension,
  useExtensionState,
  useExtensions,
  useHelper,
  useOutsideLine,
  useOutsideLines,
  useSession,
  useUser,
  useUserByExtension,
  useUsers,
} from '../../src/react';
import { demoDirectory } from '../../src/simulator';
import { makeRig, settle } from './react-harness';

describe('directory hooks on the simulated PBX', () => {
  it('read users, extensions and outside lines once the directory arrives', async () => {
    const rig = makeRig();
    const { result } = renderHook(
      () => ({
        admin: useUser('admin'),
        users: useUsers(),
        owner: useUserByExtension('1012'),
        ext: useExtension('1001'),
        exts: useExtensions(),
        webphones: useExtensions('webphone'),
        line: useOutsideLine(demoDirectory.outsideLines[0]?.id),
        lines: useOutsideLines(),
        trunks: useOutsideLines(demoDirectory.outsideLines[0]?.type),
      }),
      { wrapper: rig.wrapper },
    );
    expect(result.current.admin).toBeNull();
    expect(result.current.users).toEqual([]);
    await rig.connect();
    const r = result.current;
    expect(r.admin?.fullName).toBe('Alex Morgan');
    expect(r.admin?.devices[0]).toBe('1000');
    expect(r.users).toHaveLength(demoDirectory.users.length);
    expect(r.owner?.id).toBe('admin');
    expect(r.ext).toMatchObject({ id: '1001', type: 'Webphone', displayName: 'Anna Fischer' });
    expect(r.exts).toHaveLength(demoDirectory.extensions.length);
    expect(r.webphones.map((e) => e.id)).toEqual(
      demoDirectory.extensions.filter((e) => e.type === 'Webphone').map((e) => e.id),
    );
    expect(r.line?.id).toBe(demoDirectory.outsideLines[0]?.id);
    expect(r.lines).toHaveLength(demoDirectory.outsideLines.length);
    expect(r.trunks.length).toBeGreaterThan(0);
    // The hooks hand out the very records of the store (and of the Ozeki Helper).
    expect(r.admin).toBe(rig.client.helper.getUserById('admin'));
    expect(r.ext).toBe(rig.client.helper.getExtensionById('1001'));
  });

  it('return null (never throw) for missing or empty ids', async () => {
    const rig = makeRig();
    await rig.connect();
    const { result } = renderHook(
      () => ({
        user: useUser('nobody'),
        userEmpty: useUser(''),
        userUndef: useUser(undefined),
        owner: useUserByExtension('4242'),
        ext: useExtension('4242'),
        extNull: useExtension(null),
        line: useOutsideLine('nope'),
        lamp: useExtensionState('4242'),
        lampUndef: useExtensionState(undefined),
        none: useExtensions('no-such-type'),
        noLines: useOutsideLines('no-such-type'),
        session: useSession('nope'),
        sessionNull: useSession(null),
      }),
      { wrapper: rig.wrapper },
    );
    expect(result.current).toEqual({
      user: null,
      userEmpty: null,
      userUndef: null,
      owner: null,
      ext: null,
      extNull: null,
      line: null,
      lamp: 'unknown',
      lampUndef: 'unknown',
      none: [],
      noLines: [],
      session: null,
      sessionNull: null,
    });
  });

  it('useExtensionState follows the lamp of one extension', async () => {
    const rig = makeRig();
    const { result } = renderHook(() => [useExtensionState('1002'), useExtensionState('1008')], {
      wrapper: rig.wrapper,
    });
    expect(result.current).toEqual(['unknown', 'unknown']);
    await rig.connect();
    expect(result.current).toEqual(['idle', 'offline']);
    act(() => void rig.pbx.startCall('1002', '1003'));
    expect(result.current[0]).toBe('ringing');
    await settle(120);
    expect(result.current[0]).toBe('busy');
  });

  it('lists keep their identity across unrelated updates and a same-content reload', async () => {
    const rig = makeRig();
    await rig.connect();
    const { result } = renderHook(
      () => ({ users: useUsers(), exts: useExtensions(), sips: useExtensions('SIP') }),
      { wrapper: rig.wrapper },
    );
    const first = result.current;
    act(() => void rig.pbx.startCall('1002', '1003')); // lamps and sessions change
    await settle(100);
    // The directory pushed again: new maps, the same records.
    act(() => rig.events().directory(demoDirectory));
    expect(rig.client.store.getState().directoryVersion).toBe(2);
    expect(result.current.users).toBe(first.users);
    expect(result.current.exts).toBe(first.exts);
    expect(result.current.sips).toBe(first.sips);
    // A changed record gives a new list.
    act(() =>
      rig.events().directory({
        ...demoDirectory,
        extensions: demoDirectory.extensions.map((e) =>
          e.id === '1002' ? { ...e, displayName: 'Renamed' } : e,
        ),
      }),
    );
    expect(result.current.exts).not.toBe(first.exts);
    expect(result.current.sips).not.toBe(first.sips);
    expect(result.current.users).toBe(first.users);
  });

  it('useHelper is the client helper and re-renders when the directory loads', async () => {
    const rig = makeRig();
    const { result } = renderHook(() => useHelper().getUserById('admin')?.devices[0] ?? null, {
      wrapper: rig.wrapper,
    });
    expect(result.current).toBeNull();
    await rig.connect();
    expect(result.current).toBe('1000');
    const { result: helper } = renderHook(() => useHelper(), { wrapper: rig.wrapper });
    expect(helper.current).toBe(rig.client.helper);
  });
});
