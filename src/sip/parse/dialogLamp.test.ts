import { describe, expect, it } from 'vitest';
import { reduceDialogs, type DialogInfoDialog } from './dialogInfo.js';

const dlg = (
  state: DialogInfoDialog['state'],
  extra: Partial<DialogInfoDialog> = {},
): DialogInfoDialog => ({
  id: Math.random().toString(36),
  state,
  ...extra,
});

describe('reduceDialogs', () => {
  it('idle with no dialogs or only terminated ones', () => {
    expect(reduceDialogs([])).toBe('idle');
    expect(reduceDialogs([dlg('terminated'), dlg('terminated', { direction: 'recipient' })])).toBe(
      'idle',
    );
  });

  it.each(['trying', 'proceeding', 'early'] as const)('%s incoming → ringing', (state) => {
    expect(reduceDialogs([dlg(state, { direction: 'recipient' })])).toBe('ringing');
    expect(reduceDialogs([dlg(state)])).toBe('ringing'); // direction unknown: assume incoming
  });

  it.each(['trying', 'proceeding', 'early'] as const)('%s outgoing → busy', (state) => {
    expect(reduceDialogs([dlg(state, { direction: 'initiator' })])).toBe('busy');
  });

  it('confirmed → busy; held → onhold', () => {
    expect(reduceDialogs([dlg('confirmed')])).toBe('busy');
    expect(reduceDialogs([dlg('confirmed', { localHeld: false })])).toBe('busy');
    expect(reduceDialogs([dlg('confirmed', { localHeld: true })])).toBe('onhold');
    expect(reduceDialogs([dlg('confirmed', { remoteHeld: true })])).toBe('busy');
  });

  it('a second incoming call during a confirmed one rings (call waiting)', () => {
    expect(reduceDialogs([dlg('confirmed'), dlg('early', { direction: 'recipient' })])).toBe(
      'ringing',
    );
    expect(reduceDialogs([dlg('confirmed', { localHeld: true }), dlg('trying')])).toBe('ringing');
  });

  it('busy beats onhold: one call held, another active or being dialled', () => {
    expect(reduceDialogs([dlg('confirmed', { localHeld: true }), dlg('confirmed')])).toBe('busy');
    expect(
      reduceDialogs([
        dlg('confirmed', { localHeld: true }),
        dlg('early', { direction: 'initiator' }),
      ]),
    ).toBe('busy');
    expect(reduceDialogs([dlg('confirmed', { localHeld: true }), dlg('terminated')])).toBe(
      'onhold',
    );
  });
});
