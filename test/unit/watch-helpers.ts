// Shared by the watch-* unit tests and the BLF benchmark: Kamailio-shaped NOTIFY bodies and a
// BackendEvents that records what the watcher reports.
import type { ExtensionState } from '../../src/core/enums';
import type { OzError } from '../../src/core/errors';
import type { BackendEvents, SessionUpsert } from '../../src/core/ports';
import type { ClientInfo } from '../../src/core/types';

export const DOMAIN = 'ozkit.test';

export interface DialogSpec {
  id: string;
  callId?: string;
  direction?: 'initiator' | 'recipient';
  state: string;
  localTag?: string;
  remoteTag?: string;
  /** Other party's user part. */
  remote?: string;
  remoteDisplay?: string;
  event?: string;
  code?: number;
  /** +sip.rendering of the local target. */
  localRendering?: 'yes' | 'no';
}

export function dialogInfo(
  entity: string,
  version: number,
  dialogs: DialogSpec[],
  docState: 'full' | 'partial' = 'full',
): string {
  const body = dialogs
    .map((d) => {
      const attrs = [
        `id="${d.id}"`,
        d.callId ? `call-id="${d.callId}"` : '',
        d.localTag ? `local-tag="${d.localTag}"` : '',
        d.remoteTag ? `remote-tag="${d.remoteTag}"` : '',
        d.direction ? `direction="${d.direction}"` : '',
      ]
        .filter(Boolean)
        .join(' ');
      const stAttrs = `${d.event ? ` event="${d.event}"` : ''}${d.code ? ` code="${d.code}"` : ''}`;
      const display = d.remoteDisplay ? ` display="${d.remoteDisplay}"` : '';
      const remote = d.remote
        ? `<remote><identity${display}>sip:${d.remote}@${DOMAIN}</identity><target uri="sip:${d.remote}@${DOMAIN}"/></remote>`
        : '';
      const rendering = d.localRendering
        ? `<param pname="+sip.rendering" pvalue="${d.localRendering}"/>`
        : '';
      const local = `<local><identity>sip:${entity}@${DOMAIN}</identity><target uri="sip:${entity}@${DOMAIN}">${rendering}</target></local>`;
      return `  <dialog ${attrs}>\n    <state${stAttrs}>${d.state}</state>\n    ${remote}\n    ${local}\n  </dialog>`;
    })
    .join('\n');
  return `<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="${docState}" entity="sip:${entity}@${DOMAIN}">
${body}
</dialog-info>
`;
}

/** Kamailio's first NOTIFY (force_dummy_dialog=1). */
export const dummyDialogInfo = (entity: string, version = 1): string =>
  dialogInfo(entity, version, [
    { id: '615293b33c62dec073e05d9421e9f48b', direction: 'recipient', state: 'terminated' },
  ]);

/** A call from `caller` to `callee` as each side's dialog-info shows it, per phase. */
export function callDocs(
  caller: string,
  callee: string,
  callId: string,
  phase: 'Trying' | 'early' | 'confirmed' | 'terminated',
  tags = { caller: `ft-${callId}`, callee: `tt-${callId}` },
): { caller: DialogSpec; callee: DialogSpec } {
  // Kamailio: tags only in early documents (none in Trying/confirmed/terminated)
  const withTags = phase === 'early';
  return {
    caller: {
      id: `padi-${callId}`,
      callId,
      direction: 'initiator',
      state: phase,
      remote: callee,
      ...(withTags ? { localTag: tags.caller, remoteTag: tags.callee } : {}),
    },
    callee: {
      id: `padi-${callId}`,
      callId,
      direction: 'recipient',
      state: phase,
      remote: caller,
      ...(withTags ? { localTag: tags.callee, remoteTag: tags.caller } : {}),
    },
  };
}

export function pidf(entity: string, basic: 'open' | 'closed', note?: string): string {
  return `<?xml version="1.0"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:${entity}@${DOMAIN}">
  <tuple id="t1"><status><basic>${basic}</basic></status>${note ? `<note>${note}</note>` : ''}</tuple>
</presence>`;
}

/** An RLS NOTIFY: RLMI + one dialog-info part per member (Kamailio's layout). */
export function rlsNotify(
  version: number,
  fullState: boolean,
  members: { user: string; body?: string; instance?: 'active' | 'terminated'; reason?: string }[],
): { contentType: string; body: string } {
  const b = 'uQNwqliJcR1Jw3UNNEKRVnKd';
  const rlmiCid = `rlmi.${version}@${DOMAIN}`;
  const resources = members
    .map((m) => {
      if (!m.body && !m.instance) return `<resource uri="sip:${m.user}@${DOMAIN}"/>`;
      const state = m.instance ?? 'active';
      const cid = m.body ? ` cid="cid-${m.user}-${version}"` : '';
      const reason = m.reason ? ` reason="${m.reason}"` : '';
      return `<resource uri="sip:${m.user}@${DOMAIN}"><instance id="i-${m.user}" state="${state}"${reason}${cid}/></resource>`;
    })
    .join('');
  const part = (cid: string, type: string, content: string): string =>
    `--${b}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${cid}>\r\nContent-Type: ${type}\r\n\r\n${content}\r\n`;
  const body =
    part(
      rlmiCid,
      'application/rlmi+xml;charset="UTF-8"',
      `<?xml version="1.0"?>\n<list uri="sip:blf@${DOMAIN}" xmlns="urn:ietf:params:xml:ns:rlmi" version="${version}" fullState="${fullState}">${resources}</list>`,
    ) +
    members
      .filter((m) => m.body)
      .map((m) => part(`cid-${m.user}-${version}`, 'application/dialog-info+xml', m.body ?? ''))
      .join('') +
    `--${b}--\r\n`;
  return {
    contentType: `multipart/related;type="application/rlmi+xml";start="<${rlmiCid}>";boundary="${b}"`,
    body,
  };
}

export interface Recorded {
  events: BackendEvents;
  lamps: Record<string, ExtensionState>;
  extensionStateCalls: Readonly<Record<string, ExtensionState>>[];
  sessionCalls: {
    upsert: SessionUpsert[];
    close: { sessionId: string; pbxState: string }[];
  }[];
  sessions: Map<string, SessionUpsert>;
  closed: Map<string, string>;
  clients: ClientInfo[];
  errors: OzError[];
}

/** A BackendEvents that keeps everything the watcher reported. */
export function recordingEvents(now: () => number = () => 1_000): Recorded {
  const r: Recorded = {
    lamps: {},
    extensionStateCalls: [],
    sessionCalls: [],
    sessions: new Map(),
    closed: new Map(),
    clients: [],
    errors: [],
    events: {
      now,
      connection: () => {},
      incomingCall: () => {},
      callProgress: () => {},
      message: () => {},
      dtmf: () => {},
      directory: () => {},
      extensionStates: (states) => {
        r.extensionStateCalls.push(states);
        Object.assign(r.lamps, states);
      },
      sessions: (c) => {
        const call = { upsert: c.upsert ?? [], close: c.close ?? [] };
        r.sessionCalls.push(call);
        for (const u of call.upsert)
          r.sessions.set(u.sessionId, { ...r.sessions.get(u.sessionId), ...u });
        for (const cl of call.close) {
          r.closed.set(cl.sessionId, cl.pbxState);
          r.sessions.delete(cl.sessionId);
        }
      },
      client: (c) => r.clients.push(c),
      error: (e) => r.errors.push(e),
    },
  };
  return r;
}

/** Runs flushes synchronously when the test says so. */
export function manualScheduler(): { schedule: (f: () => void) => () => void; run(): void } {
  let pending: (() => void) | null = null;
  return {
    schedule: (f) => {
      pending = f;
      return () => {
        pending = null;
      };
    },
    run: () => {
      const f = pending;
      pending = null;
      f?.();
    },
  };
}
