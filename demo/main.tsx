// The demo softphone. By default it runs on the simulated PBX, logged in as extension 1012;
// with ?server=wss://…&user=…&password=… (or VITE_OZ_SERVER/USER/PASSWORD) it logs in to a real
// PBX with the SIP backend (&directory=URL fills the extension list; &watch=1001,1002 limits the
// lamps to those, default every listed extension). ?example=getUserById runs Ozeki's documented
// example instead.
import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import '../src/components/styles.css';
import { Softphone } from '../src/components';
import { OzError } from '../src/core/errors';
import { createOzWebClient, type OzClientOptions } from '../src/index';
import { OzProvider, useConnectionActions, useOzClient } from '../src/react';
import { createSimulatedPbx, demoDirectory } from '../src/simulator';
import { runGetUserById } from './examples/getUserById';

const params = new URLSearchParams(location.search);
const real = {
  server: params.get('server') ?? import.meta.env.VITE_OZ_SERVER ?? '',
  user: params.get('user') ?? import.meta.env.VITE_OZ_USER ?? '',
  password: params.get('password') ?? import.meta.env.VITE_OZ_PASSWORD ?? '',
  /** The SIP domain, where it differs from the server's host (the test Kamailio: ozkit.test). */
  domain: params.get('domain') ?? import.meta.env.VITE_OZ_DOMAIN ?? '',
  /** A directory document URL, so that the extension list has entries. */
  directory: params.get('directory') ?? import.meta.env.VITE_OZ_DIRECTORY ?? '',
  /** Extensions whose lamps are watched, comma-separated (?watch=1001,1002); default: all. */
  watch: (params.get('watch') ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== ''),
};
const realSip = {
  ...(real.domain && { domain: real.domain }),
  ...(real.watch.length > 0 && { watch: real.watch }),
};
const realOptions: OzClientOptions = {
  ...(Object.keys(realSip).length > 0 && { sip: realSip }),
  ...(real.directory && { directory: real.directory }),
};
const ME = '1012';

function Theme() {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    document.documentElement.dataset.ozTheme = dark ? 'dark' : 'light';
  }, [dark]);
  return (
    <button
      type="button"
      className="oz-button"
      aria-pressed={dark}
      onClick={() => setDark((d) => !d)}
    >
      Dark theme
    </button>
  );
}

const pbx = createSimulatedPbx({ answerDelayMs: 1500 });
const simulated = createOzWebClient({ backend: pbx });
const colleagues = demoDirectory.extensions.filter(
  (x) => x.id !== ME && x.id !== '1000' && /^10/.test(x.id),
);

/** What the far side of the simulated PBX can do: the buttons a demo visitor plays with. */
function SimulatorControls(): ReactNode {
  const [from, setFrom] = useState('1001');
  const [note, setNote] = useState('');
  const act = (what: () => void) => {
    try {
      what();
      setNote('');
    } catch (err) {
      setNote(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="demo__controls" role="group" aria-label="Simulator">
      <label htmlFor="demo-from">Caller</label>
      <select
        id="demo-from"
        className="oz-input"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
      >
        {colleagues.map((x) => (
          <option key={x.id} value={x.id}>
            {x.displayName} ({x.id})
          </option>
        ))}
      </select>
      <button
        type="button"
        className="oz-button oz-button--primary"
        onClick={() => act(() => pbx.ringIncoming(from))}
      >
        Simulate an incoming call
      </button>
      <button
        type="button"
        className="oz-button"
        onClick={() => act(() => void pbx.startCall(from, from === '1002' ? '1003' : '1002'))}
      >
        Ring a colleague (to pick up)
      </button>
      <button type="button" className="oz-button" onClick={() => act(() => pbx.dropConnection())}>
        Drop the connection
      </button>
      <Theme />
      {note && <p className="oz-error">{note}</p>}
    </div>
  );
}

/** Real-PBX mode: connects once the provider's client exists; a refusal is shown, not lost. */
function RealPbxLogin(): ReactNode {
  const client = useOzClient();
  const { connect } = useConnectionActions();
  const [error, setError] = useState<OzError | null>(null);
  useEffect(() => {
    if (!client) return;
    connect(real.server, real.user, real.password).catch((err: unknown) =>
      setError(OzError.from(err, 'CONNECTION_FAILED', String(err))),
    );
  }, [client, connect]);
  if (!error) return null;
  return (
    <p className="demo__notice oz-error" role="alert">
      {error.code === 'NOT_SUPPORTED'
        ? `The real-PBX mode is not available in this build: ${error.message}`
        : `Could not connect to ${real.server}: ${error.message}`}
    </p>
  );
}

function Demo(): ReactNode {
  return (
    <main className="demo">
      <h1>ozkit softphone</h1>
      {real.server ? (
        <OzProvider options={realOptions}>
          <p className="demo__intro">
            Real PBX <code>{real.server}</code> as <code>{real.user}</code>, over the SIP backend.{' '}
            <a href="./">Back to the simulated PBX</a>
          </p>
          <RealPbxLogin />
          <Softphone />
        </OzProvider>
      ) : (
        <OzProvider
          client={simulated}
          autoConnect
          credentials={{ server: 'simulator', user: ME, password: 'demo' }}
        >
          <p className="demo__intro">
            On the simulated PBX, logged in as {ME}. Try 1009 (busy), 9999 (not found), 1011
            (declines) or 8000 (the IVR answers your keypad).
          </p>
          <SimulatorControls />
          <Softphone />
        </OzProvider>
      )}
      <footer>
        <a href="?example=getUserById">Ozeki&apos;s getUserById example</a> · a real PBX:{' '}
        <code>?server=wss://…&amp;user=…&amp;password=…</code>
      </footer>
    </main>
  );
}

const app = document.getElementById('app') as HTMLElement;
if (params.get('example') === 'getUserById') runGetUserById(app);
else
  createRoot(app).render(
    <StrictMode>
      <Demo />
    </StrictMode>,
  );
