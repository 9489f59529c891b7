// Freezes the public names: a rename or removal fails here, so it is a visible decision.
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as ozkit from '../../src/index';
import type { Call, OzClient, Session } from '../../src/index';

const methodsOf = (proto: object) =>
  Object.getOwnPropertyNames(proto)
    .filter((n) => n !== 'constructor')
    .sort();

describe('public API', () => {
  it('exports exactly these names from ozkit', () => {
    expect(Object.keys(ozkit).sort()).toEqual(
      [
        'Call',
        'CallState',
        'CallType',
        'ClientStatus',
        'ConnectionState',
        'DTMF_KEYS',
        'ExtensionState',
        'ExtensionType',
        'Helper',
        'OutsideLineType',
        'OzCamera',
        'OzClientImpl',
        'OzError',
        'OzWebClient',
        'PBX_TO_SESSION_STATE',
        'PbxSessionState',
        'Session',
        'SessionState',
        'checkDialable',
        'createIndexedDbHistoryStore',
        'createKamailioSessionControl',
        'createMemoryHistoryStore',
        'createOzWebClient',
        'createSipBackend',
        'filterHistory',
        'inlineDirectorySource',
        'isOzError',
        'isTerminalCallState',
        'pageHistory',
        'parseDirectoryDocument',
        'redact',
        'requireDialable',
        'selectors',
        'toSessionState',
        'urlDirectorySource',
      ].sort(),
    );
  });

  it('has every Ozeki OzWebClient member, spelled as documented', () => {
    const client = ozkit.createOzWebClient();
    for (const name of [
      'connect',
      'disconnect',
      'createCall',
      'checkWebPhoneState',
      'getCallHistory',
      'onConnectionStateChanged',
      'onClientStateChanged',
      'onIncomingCall',
      'onSessionCreated',
      'onSessionClosed',
      'onErrorOccured',
      'onCallHistoryInfoReceived',
      'onUserInfoReceived',
      'configure',
      'refreshDirectory',
    ] as const) {
      expect(typeof client[name], name).toBe('function');
    }
    expect(client.helper).toBeInstanceOf(ozkit.Helper);
    expect(typeof client.store.getState).toBe('function');
  });

  it('has every Ozeki Call, Session and Helper method', () => {
    expect(methodsOf(ozkit.Call.prototype)).toEqual(
      [
        'accept',
        'attachCamera',
        'forward',
        'getCallState',
        'getOtherParty',
        'getOtherPartyName',
        'getRecord',
        'hangUp',
        'hangup',
        'hold',
        'isMuted',
        'mute',
        'onCallStateChanged',
        'onDtmfReceived',
        'onMessageReceived',
        'reject',
        'release',
        'remember',
        'sendDtmf',
        'sendMessage',
        'setRemoteDisplay',
        'start',
        'transfer',
        'unHold',
        'unhold',
        'unmute',
        'id',
        'direction',
        'type',
      ].sort(),
    );
    const sessionNames = methodsOf(ozkit.Session.prototype);
    for (const n of [
      'masterSessionId',
      'sessionId',
      'sessionState',
      'startTime',
      'talkDuration',
      'stateDuration',
      'caller',
      'callee',
      'callerDisplayName',
      'calleeDisplayName',
      'callerCallLegId',
      'calleeCallLegId',
      'source',
      'sourceType',
      'destination',
      'destinationType',
      'dialedNumber',
      'blindTransfer',
      'close',
      'closeWithHangup',
      'forward',
      'hangup',
      'hold',
      'unhold',
      'sendDtmf',
      'startListen',
      'stopListen',
      'onSessionStateChanged',
    ]) {
      expect(sessionNames, n).toContain(n);
    }
    expect(
      methodsOf(ozkit.Helper.prototype).filter((n) => n.startsWith('get') && n !== 's'),
    ).toEqual(
      [
        'getActiveCallsOfExtension',
        'getActiveCallsOfUser',
        'getActiveSessionById',
        'getActiveSessionsBySessionState',
        'getCallHistoryOfExtension',
        'getExtensionById',
        'getExtensions',
        'getExtensionsByType',
        'getOutsideLineById',
        'getOutsideLines',
        'getOutsideLinesByType',
        'getUserByExtension',
        'getUserById',
      ].sort(),
    );
  });

  it('keeps enum members equal to their names', () => {
    expect(Object.values(ozkit.ConnectionState)).toEqual(Object.keys(ozkit.ConnectionState));
    expect(Object.keys(ozkit.CallState)).toHaveLength(8);
    expect(Object.values(ozkit.CallState)).toEqual(Object.keys(ozkit.CallState));
    expect(Object.keys(ozkit.PbxSessionState)).toHaveLength(19);
    expect(Object.values(ozkit.CallType)).toEqual(['AUDIO', 'VIDEO']);
  });

  it('types the Ozeki signatures', () => {
    expectTypeOf<OzClient['connect']>().parameters.toEqualTypeOf<
      [serverAddress: string, token: string, properties?: ozkit.ConnectProperties]
    >();
    expectTypeOf<OzClient['connect']>().returns.toEqualTypeOf<void>();
    expectTypeOf<OzClient['createCall']>().returns.toEqualTypeOf<Call>();
    expectTypeOf<Call['getCallState']>().returns.toEqualTypeOf<ozkit.CallState | null>();
    expectTypeOf<Call['hangUp']>().returns.toEqualTypeOf<void>();
    expectTypeOf<Session['onSessionStateChanged']>()
      .parameter(0)
      .parameters.toEqualTypeOf<[session: Session, sessionState: ozkit.SessionState]>();
    expectTypeOf<OzClient['helper']['getUserById']>().returns.toEqualTypeOf<ozkit.User | null>();
  });
});
