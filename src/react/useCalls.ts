import type { OzCamera } from '../core/camera';
import { useMemo, useRef, useState } from 'react';
import { Call } from '../core/call';
import type { OzClient } from '../core/client';
import type { CallState, CallType } from '../core/enums';
import { OzError } from '../core/errors';
import type { OzState } from '../core/store';
import type { CallRecord, MessageRecord } from '../core/types';
import { useOzContext } from './context';
import {
  EMPTY,
  derivedList,
  isId,
  useLatest,
  useOzList,
  useOzSelector,
  valuesOf,
} from './internal';

/**
 * What useCall follows: nothing (the current call), a number or device to call with start(), a
 * call id, a Call object (e.g. from createCall or onIncomingCall), or either spelled as an object.
 * A string is a call id when the store knows a call of that id, otherwise a number.
 */
export type CallTarget =
  | string
  | Call
  | { readonly callId: string }
  | { readonly number: string; readonly type?: CallType };

export interface CallActions {
  /**
   * Creates and starts a call to `number` (default: the hook's number) and follows it. Without a
   * number in current-call or call-id mode, starts the followed call if it was not started yet.
   */
  start(number?: string, type?: CallType): Promise<void>;
  hangUp(): Promise<void>;
  accept(): Promise<void>;
  reject(): Promise<void>;
  hold(): Promise<void>;
  unHold(): Promise<void>;
  mute(): Promise<void>;
  unmute(): Promise<void>;
  sendDtmf(key: string): Promise<void>;
  /** Blind transfer to a number; to another live call of this client, attended. */
  transfer(target: string | Call | { readonly callId: string }): Promise<void>;
  /** Redirects a ringing incoming call. */
  forward(target: string): Promise<void>;
  sendMessage(text: string): Promise<void>;
  /** Sends the camera's video (an answered call). */
  attachCamera(camera: OzCamera): Promise<void>;
  /** Shows the remote video in this element (or the element with this id). */
  setRemoteDisplay(display: string | HTMLMediaElement): Promise<void>;
}

export interface UseCallResult extends CallActions {
  /** The followed call's record; after it ends, its final record (not in current-call mode). */
  readonly call: CallRecord | null;
  readonly id: string | null;
  readonly state: CallState | null;
  /** The followed call has ended; `state` is how (COMPLETED, BUSY, NOT_FOUND, REJECTED). */
  readonly ended: boolean;
}

type Mode =
  | { kind: 'current' }
  | { kind: 'id'; id: string; call: Call | null }
  | { kind: 'number'; number: string; type: CallType | undefined };

const knowsCall = (s: OzState, id: string) => id in s.calls || s.lastEndedCall?.id === id;

const reject = (code: OzError['code'], message: string) =>
  Promise.reject(new OzError(code, message));

/**
 * One call and its controls. Without an argument it follows the current call
 * (store.currentCallId); with a number, `start()` calls it; with a call id or a Call, it follows
 * that call. Actions are stable across renders and return Promises that reject with OzError.
 */
export function useCall(target?: CallTarget | null): UseCallResult {
  const { client } = useOzContext('useCall()');
  const [started, setStarted] = useState<Call | null>(null);
  const startedRef = useRef<Call | null>(null);
  // A string once seen as a call id stays one after the call has ended and left the store.
  const knownIds = useRef(new Set<string>());
  const text = typeof target === 'string' ? target : null;
  const textIsCall = useOzSelector((s) => text !== null && knowsCall(s, text));
  if (textIsCall && text !== null) knownIds.current.add(text);

  const mode: Mode =
    target == null
      ? { kind: 'current' }
      : typeof target === 'string'
        ? textIsCall || knownIds.current.has(target)
          ? { kind: 'id', id: target, call: null }
          : { kind: 'number', number: target, type: undefined }
        : target instanceof Call
          ? { kind: 'id', id: target.id, call: target }
          : 'callId' in target
            ? { kind: 'id', id: target.callId, call: null }
            : { kind: 'number', number: target.number, type: target.type };

  // Outside current-call mode a call begun by start() takes over.
  const followedId =
    mode.kind === 'current' ? null : (started?.id ?? (mode.kind === 'id' ? mode.id : null));
  const handed = mode.kind === 'id' && !started ? mode.call : null;
  const lastSeen = useRef<CallRecord | null>(null);
  const selected = useOzSelector((s): CallRecord | null => {
    if (mode.kind === 'current') return s.currentCallId ? (s.calls[s.currentCallId] ?? null) : null;
    if (!followedId) return null;
    return (
      s.calls[followedId] ??
      (s.lastEndedCall?.id === followedId ? s.lastEndedCall : null) ??
      (handed ?? started)?.getRecord() ??
      null
    );
  });
  // The final record stays visible after a later call has replaced lastEndedCall.
  let record = selected;
  if (record) lastSeen.current = record;
  else if (followedId && lastSeen.current?.id === followedId) record = lastSeen.current;

  const latest = useLatest({ client, mode });
  const actions = useMemo(() => {
    const followed = (): Call | null => {
      const { client: c, mode: m } = latest.current;
      if (!c) return null;
      if (m.kind === 'current') {
        const id = c.store.getState().currentCallId;
        return id ? c.getCall(id) : null;
      }
      return startedRef.current ?? (m.kind === 'id' ? (m.call ?? c.getCall(m.id)) : null);
    };
    const on =
      <A extends unknown[]>(name: string, run: (call: Call, ...a: A) => Promise<void>) =>
      (...a: A): Promise<void> => {
        if (!latest.current.client)
          return reject('NOT_CONNECTED', 'The OzProvider has not created its client yet');
        const call = followed();
        if (!call) return reject('INVALID_STATE', `${name}: there is no call`);
        return run(call, ...a);
      };
    const start = (number?: string, type?: CallType): Promise<void> => {
      const { client: c, mode: m } = latest.current;
      if (!c) return reject('NOT_CONNECTED', 'The OzProvider has not created its client yet');
      const current = followed();
      const to = number ?? (m.kind === 'number' ? m.number : undefined);
      if (to === undefined) {
        if (!current)
          return reject(
            'INVALID_ARGUMENT',
            'start() needs a number: useCall(number) or start(number)',
          );
        return current.actions.start();
      }
      if (number === undefined && current && isLive(current))
        return reject('INVALID_STATE', 'The call started by this hook is still in progress');
      let call: Call;
      try {
        call = c.createCall(to, type ?? (m.kind === 'number' ? m.type : undefined));
      } catch (err) {
        return Promise.reject(OzError.from(err, 'INVALID_NUMBER', `Cannot call ${to}`));
      }
      if (m.kind !== 'current') {
        startedRef.current = call;
        setStarted(call);
      }
      return call.actions.start();
    };
    return {
      start,
      hangUp: on('hangUp', (c) => c.actions.hangUp()),
      accept: on('accept', (c) => c.actions.accept()),
      reject: on('reject', (c) => c.actions.reject()),
      hold: on('hold', (c) => c.actions.hold()),
      unHold: on('unHold', (c) => c.actions.unHold()),
      mute: on('mute', (c) => c.actions.mute()),
      unmute: on('unmute', (c) => c.actions.unmute()),
      sendDtmf: on('sendDtmf', (c, key: string) => c.actions.sendDtmf(key)),
      transfer: on('transfer', (c, to: string | Call | { readonly callId: string }) => {
        const other = resolveTransferTarget(latest.current.client, to);
        return other
          ? c.actions.transfer(other)
          : reject('INVALID_STATE', 'The other call has ended');
      }),
      forward: on('forward', (c, to: string) => c.actions.forward(to)),
      sendMessage: on('sendMessage', (c, text: string) => c.actions.sendMessage(text)),
      attachCamera: on('attachCamera', (c, camera: OzCamera) => c.actions.attachCamera(camera)),
      setRemoteDisplay: on('setRemoteDisplay', (c, display: string | HTMLMediaElement) =>
        c.actions.setRemoteDisplay(display),
      ),
    } satisfies CallActions;
  }, [latest]);

  return useMemo(
    () => ({
      ...actions,
      call: record,
      id: record?.id ?? followedId,
      state: record?.state ?? null,
      ended: record !== null && record.endedAt !== null,
    }),
    [actions, record, followedId],
  );
}

function isLive(call: Call): boolean {
  const r = call.getRecord();
  return r.started && r.endedAt === null;
}

function resolveTransferTarget(
  client: OzClient | null,
  to: string | Call | { readonly callId: string },
): string | Call | null {
  if (typeof to === 'string' || to instanceof Call) return to;
  return client?.getCall(to.callId) ?? null;
}

/** Every live own call. */
export function useCalls(): readonly CallRecord[] {
  return useOzList((s) => valuesOf(s.calls));
}

const ringingIncoming = derivedList((calls: OzState['calls']) =>
  valuesOf(calls).filter((c) => c.direction === 'inbound' && c.answeredAt === null),
);

/** Incoming calls that ring and wait for accept, reject or forward. */
export function useIncomingCalls(): readonly CallRecord[] {
  return useOzList((s) => ringingIncoming(s.calls));
}

/** Messages exchanged within a call (by Call, record or id), oldest first. */
export function useMessages(
  call: Call | CallRecord | string | null | undefined,
): readonly MessageRecord[] {
  const id = typeof call === 'string' ? call : (call?.id ?? null);
  return useOzSelector((s) => (isId(id) ? (s.messages[id] ?? EMPTY) : EMPTY));
}
