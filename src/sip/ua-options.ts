import {
  SIPExtension,
  UserAgent,
  Web,
  type UserAgentDelegate,
  type UserAgentOptions,
} from 'sip.js';
import { OzError } from '../core/errors';
import type { ConnectionConfig } from './connection';
import type { SipLogger } from './logger';

/**
 * The options of one UserAgent (one per server attempt). The app's `sip.userAgentOptions` go
 * in first; what the kit must control (identity, credentials, server, logging, Replaces,
 * iceServers) goes on top. A given sessionDescriptionHandlerFactory (tests: signaling-only)
 * is used as it is; otherwise SIP.js's stock Web handler.
 */
export function buildUserAgentOptions(
  cfg: ConnectionConfig,
  server: string,
  delegate: UserAgentDelegate,
  log: SipLogger,
): UserAgentOptions {
  const custom = cfg.userAgentOptions;
  const customTransport =
    typeof custom.transportOptions === 'object' && custom.transportOptions !== null
      ? custom.transportOptions
      : {};
  const factoryOptions = (custom.sessionDescriptionHandlerFactoryOptions ?? {}) as {
    peerConnectionConfiguration?: RTCConfiguration;
  };
  const uri = UserAgent.makeURI(`sip:${cfg.user}@${cfg.domain}`);
  if (!uri) {
    throw new OzError(
      'INVALID_ARGUMENT',
      `"${cfg.user}@${cfg.domain}" is not a valid SIP address: check the extension and sip.domain`,
    );
  }
  return {
    sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(),
    noAnswerTimeout: 60,
    ...custom,
    sessionDescriptionHandlerFactoryOptions: {
      ...factoryOptions,
      // SIP.js's default is a public STUN server: never use one by surprise.
      peerConnectionConfiguration: {
        ...factoryOptions.peerConnectionConfiguration,
        iceServers: cfg.iceServers,
      },
    },
    uri,
    authorizationUsername: cfg.user,
    authorizationPassword: cfg.password ?? '',
    transportOptions: { connectionTimeout: 5, ...customTransport, server },
    // +sip.instance in every Contact too; the Registerer adds reg-id.
    instanceId: cfg.instanceId,
    // Incoming INVITE with Replaces: attended transfer to us, pickup of our ringing call.
    sipExtensionReplaces: SIPExtension.Supported,
    logBuiltinEnabled: false,
    logConnector: log.connector,
    logLevel: custom.logLevel ?? (log.enabled ? 'log' : 'error'),
    logConfiguration: false,
    delegate,
  };
}
