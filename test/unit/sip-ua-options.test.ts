import { SIPExtension, type Session, type SessionDescriptionHandler } from 'sip.js';
import { describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../src/sip/connection';
import { createSipLogger } from '../../src/sip/logger';
import { DEFAULT_BACKOFF } from '../../src/sip/reconnect';
import { buildUserAgentOptions } from '../../src/sip/ua-options';

const cfg = (over: Partial<ConnectionConfig> = {}): ConnectionConfig => ({
  servers: ['wss://pbx.example.com/ws'],
  domain: 'example.com',
  user: '1001',
  password: 'pw',
  instanceId: '8f0e5b8a-1001-4c1e-9a11-000000001001',
  probeIntervalMs: 25000,
  backoff: DEFAULT_BACKOFF,
  registerExpires: 300,
  iceServers: [],
  userAgentOptions: {},
  ...over,
});
const log = createSipLogger(undefined, () => []);

describe('sip/ua-options', () => {
  it('identity, digest credentials, server, +sip.instance, Replaces, logging through the kit', () => {
    const o = buildUserAgentOptions(cfg(), 'wss://pbx.example.com/ws', {}, log);
    expect(o.uri?.toString()).toBe('sip:1001@example.com');
    expect(o).toMatchObject({
      authorizationUsername: '1001',
      authorizationPassword: 'pw',
      instanceId: '8f0e5b8a-1001-4c1e-9a11-000000001001',
      sipExtensionReplaces: SIPExtension.Supported,
      logBuiltinEnabled: false,
      logConfiguration: false,
      logLevel: 'error',
      transportOptions: { server: 'wss://pbx.example.com/ws', connectionTimeout: 5 },
    });
    expect(o.logConnector).toBe(log.connector);
  });

  it('the stock Web media handler with iceServers from options (default []: no public STUN)', () => {
    const o = buildUserAgentOptions(cfg(), 's', {}, log);
    expect(typeof o.sessionDescriptionHandlerFactory).toBe('function');
    expect(o.sessionDescriptionHandlerFactoryOptions).toEqual({
      peerConnectionConfiguration: { iceServers: [] },
    });
    const turn = [{ urls: 'turn:turn.example.com', username: 'u', credential: 'c' }];
    const withTurn = buildUserAgentOptions(
      cfg({
        iceServers: turn,
        userAgentOptions: {
          sessionDescriptionHandlerFactoryOptions: {
            iceGatheringTimeout: 500,
            peerConnectionConfiguration: { bundlePolicy: 'max-bundle' },
          },
        },
      }),
      's',
      {},
      log,
    );
    expect(withTurn.sessionDescriptionHandlerFactoryOptions).toEqual({
      iceGatheringTimeout: 500,
      peerConnectionConfiguration: { bundlePolicy: 'max-bundle', iceServers: turn },
    });
  });

  it('a given media handler factory (tests) is used as is; app options go in, the kit’s win', () => {
    const factory = (_s: Session) => ({}) as SessionDescriptionHandler;
    const o = buildUserAgentOptions(
      cfg({
        userAgentOptions: {
          sessionDescriptionHandlerFactory: factory,
          userAgentString: 'my-app',
          logLevel: 'debug',
          authorizationUsername: 'evil',
          transportOptions: { server: 'wss://elsewhere', traceSip: true },
        },
      }),
      'wss://pbx.example.com/ws',
      {},
      log,
    );
    expect(o.sessionDescriptionHandlerFactory).toBe(factory);
    expect(o.userAgentString).toBe('my-app');
    expect(o.logLevel).toBe('debug');
    expect(o.authorizationUsername).toBe('1001');
    expect(o.transportOptions).toEqual({
      server: 'wss://pbx.example.com/ws',
      traceSip: true,
      connectionTimeout: 5,
    });
  });

  it('an extension that makes no SIP URI is INVALID_ARGUMENT', () => {
    expect(() => buildUserAgentOptions(cfg({ user: 'a b@c' }), 's', {}, log)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
