// Story data: a 5,000-extension company, call history and a markup-laden display name.
import type { DirectoryDocument, HistoryRecord } from '../../src/core/types';
import { demoDirectory } from '../../src/simulator';

const FIRST = ['Anna', 'Bence', 'Chloé', 'David', 'Emma', 'Farid', 'Grace', 'Hugo', 'Isabel'];
const LAST = ['Fischer', 'Kovács', 'Martin', 'Okafor', 'Lindqvist', 'Haddad', 'Liu', 'Santos'];
const TYPES = ['SIP', 'Webphone', 'SIP', 'Webphone', 'Queue', 'IVR'];

/** The demo directory plus `count` generated extensions from 20000 on. */
export function bigDirectory(count = 5000): DirectoryDocument {
  const extensions = Array.from({ length: count }, (_, i) => ({
    id: String(20000 + i),
    type: TYPES[i % TYPES.length] ?? 'SIP',
    displayName: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
  }));
  return {
    users: [...demoDirectory.users],
    extensions: [...demoDirectory.extensions, ...extensions],
    outsideLines: [...demoDirectory.outsideLines],
  };
}

/** The demo directory with a display name that must render as text, never as markup. */
export const markupDirectory: DirectoryDocument = {
  ...demoDirectory,
  extensions: demoDirectory.extensions.map((x) =>
    x.id === '1002' ? { ...x, displayName: '<img src=x onerror=alert(1)> <b>Bence</b>' } : x,
  ),
};

const PARTIES = ['1002', '1003', '1004', '1005', '1006', '+442079460999', '1009', '8000'];
const STATES = ['CallerHungUp', 'CalleeHungUp', 'Busy', 'Cancelled', 'CalleeHungUp', 'Rejected'];

/** `count` records of account 1001, newest first, one every 37 minutes back from `now`. */
export function history(count: number, now = Date.parse('2025-03-14T16:30:00Z')): HistoryRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const party = PARTIES[i % PARTIES.length] ?? '1002';
    const outbound = i % 3 !== 1;
    const state = STATES[i % STATES.length] ?? 'CallerHungUp';
    const talked = /HungUp$/.test(state);
    return {
      callId: `h-${i}`,
      startTime: new Date(now - i * 37 * 60_000).toISOString(),
      direction: outbound ? 'Outbound' : 'Inbound',
      source: outbound ? '1001' : party,
      destination: outbound ? party : '1001',
      state,
      dialed: outbound ? party : '1001',
      callerId: outbound ? '1001' : party,
      type: 'Audio',
      ringDuration: 4,
      talkDuration: talked ? 20 + ((i * 53) % 900) : 0,
      origin: 'own',
    };
  });
}
