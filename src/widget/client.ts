// One client per widget: several widgets on a page never share a store, a backend or events.
import { OzClientImpl, type OzClient } from '../core/client';
import type { OzClientOptions } from '../core/options';
import { defaultSources } from '../defaults';
import { SipBackend } from '../sip/backend';
import { createSimulatedPbx, demoDirectory, DEFAULT_PASSWORD } from '../simulator/index';
import type { WidgetConfig } from './attributes';

/** What connect() needs besides the secret: Ozeki's serverAddress and token. */
export interface WidgetTarget {
  readonly server: string;
  /** Null when the user has to come from the credentials callback. */
  readonly user: string | null;
}

export interface WidgetClient {
  readonly client: OzClient;
  readonly target: WidgetTarget;
  /** The simulator's password, so a demo needs no secret from the page. */
  readonly defaultPassword: string | null;
}

// The dialer shows no lamps, so its SIP backend carries no BLF/presence watcher (its bytes stay
// out of the standalone script); its data sources are createOzWebClient's.
const widgetClient = (options: OzClientOptions): OzClient =>
  new OzClientImpl(options, { ...defaultSources, backend: (o) => new SipBackend(o, null) });

/** The demo logs in as the demo directory's first extension. */
export const SIMULATED_USER = demoDirectory.extensions[0]?.id ?? '1000';

export function createWidgetClient(config: WidgetConfig): WidgetClient {
  if (config.simulated) {
    return {
      client: widgetClient({ backend: createSimulatedPbx() }),
      target: { server: 'simulator', user: config.user ?? SIMULATED_USER },
      defaultPassword: DEFAULT_PASSWORD,
    };
  }
  const client = widgetClient({
    sip: {
      ...(config.domain !== null && { domain: config.domain }),
      // Never a public STUN server by surprise; a page that needs one uses the library directly.
      iceServers: [],
    },
    ...(config.directory !== null && { directory: config.directory }),
  });
  return {
    client,
    target: { server: config.server ?? '', user: config.user },
    defaultPassword: null,
  };
}
