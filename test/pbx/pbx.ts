// Node API for integration tests: start a private Kamailio (test/pbx/kamailio.cfg) on free
// loopback ports with a fresh state dir, talk JSON-RPC to it, restart it, stop it.
//
//   const pbx = await startPbx({ name: "calls" });
//   ... new UserAgent({ transportOptions: { server: pbx.wsUrl }, authorizationPassword: pbx.password("1001") })
//   await pbx.stop();
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ACCOUNTS_FILE = path.join(HERE, '..', 'fixtures', 'accounts.json');
// PBX_KEEP_STATE=1: keep state dirs (kamailio.log, DB) after stop() for post-mortems
const KEEP_STATE = process.env.PBX_KEEP_STATE === '1';

export interface TestPbx {
  /** ws://127.0.0.1:port (SIP over WebSocket, no TLS) */
  wsUrl: string;
  /** wss://127.0.0.1:port, only with startPbx({ wss: true }); trust `caFile` / wssCaPem() */
  wssUrl?: string;
  /** PEM file of the throw-away self-signed wss certificate (its own CA) */
  caFile?: string;
  /** SIP over UDP and TCP on 127.0.0.1 */
  sipPort: number;
  /** http://127.0.0.1:port/RPC (jsonrpcs) */
  rpcUrl: string;
  /** SIP domain (realm) of every fixture extension, e.g. "ozkit.test" */
  domain: string;
  stateDir: string;
  /** pid of the Kamailio main process (changes on restart) */
  pid: number;
  /** digest password of a fixture extension ("pw-1001" for "1001") */
  password(ext: string): string;
  /** JSON-RPC call; resolves with `result`, rejects on a JSON-RPC error */
  rpc(method: string, params?: unknown[]): Promise<unknown>;
  /** stop Kamailio (SIGTERM, SIGKILL after 5 s) and delete the state dir; idempotent */
  stop(): Promise<void>;
  /** stop and start again on the same ports, keeping the subscriber DB and certificate */
  restart(): Promise<void>;
}

export interface StartPbxOptions {
  /** also listen on wss:// with a throw-away self-signed certificate */
  wss?: boolean;
  /** label for the state dir (ozkit-pbx-<name>-XXXXXX) and error messages */
  name?: string;
}

interface Accounts {
  domain: string;
  passwordOf: string;
  extensions: string[];
}

interface Ports {
  ws: number;
  sip: number;
  rpc: number;
  wss?: number;
}

interface ExecResult {
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(`${path.basename(file)} failed: ${error.message}\n${stdout}${stderr}`.trim()),
          );
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

function readAccounts(): Accounts {
  const raw: unknown = JSON.parse(readFileSync(ACCOUNTS_FILE, 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error(`${ACCOUNTS_FILE}: not an object`);
  const a = raw as Record<string, unknown>;
  if (typeof a.domain !== 'string' || !Array.isArray(a.extensions)) {
    throw new Error(`${ACCOUNTS_FILE}: needs "domain" and "extensions"`);
  }
  return {
    domain: a.domain,
    passwordOf: typeof a.passwordOf === 'string' ? a.passwordOf : 'pw-<extension>',
    extensions: a.extensions.map(String),
  };
}

// One install check per process; concurrent suites share it (ensure-kamailio.sh also locks).
let ensured: Promise<void> | undefined;
function ensureKamailio(): Promise<void> {
  ensured ??= run(path.join(HERE, 'ensure-kamailio.sh'), ['--quiet']).then(() => undefined);
  return ensured;
}

function listenTcp(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(server));
  });
}

function bindUdp(port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', (e) => {
      socket.close();
      reject(e);
    });
    socket.bind({ port, address: '127.0.0.1', exclusive: true }, () => resolve(socket));
  });
}

function tcpPort(server: net.Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/**
 * Free loopback ports, probed by binding port 0. All probes stay bound until every port is
 * chosen, so they are distinct; the SIP port must be free for UDP and TCP. Another process
 * could still grab one before Kamailio binds it: startPbx retries on "Address already in use".
 */
async function pickPorts(wss: boolean): Promise<Ports> {
  const held: Array<net.Server | dgram.Socket> = [];
  try {
    let sip = 0;
    for (let attempt = 0; sip === 0 && attempt < 20; attempt++) {
      const tcp = await listenTcp(0);
      held.push(tcp);
      const candidate = tcpPort(tcp);
      try {
        held.push(await bindUdp(candidate));
        sip = candidate;
      } catch {
        // UDP side taken: keep the TCP probe bound (so it is not picked again) and retry
      }
    }
    if (sip === 0) throw new Error('no port free for both UDP and TCP');
    const next = async (): Promise<number> => {
      const server = await listenTcp(0);
      held.push(server);
      return tcpPort(server);
    };
    const ports: Ports = { sip, ws: await next(), rpc: await next() };
    if (wss) ports.wss = await next();
    return ports;
  } finally {
    await Promise.all(
      held.map(
        (h) =>
          new Promise<void>((resolve) =>
            h instanceof net.Server ? h.close(() => resolve()) : h.close(() => resolve()),
          ),
      ),
    );
  }
}

// Kamailios still running when the test process exits normally (forgotten stop()): SIGTERM
// them by pid at once. (If the process is killed, start.sh's OWNER_PID watchdog does it.)
const running = new Map<number, string>();
process.once('exit', () => {
  for (const [pid, stateDir] of running) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
    if (!KEEP_STATE) rmSync(stateDir, { recursive: true, force: true });
  }
});

function scriptEnv(stateDir: string, ports: Ports): NodeJS.ProcessEnv {
  return {
    STATE_DIR: stateDir,
    WS_PORT: String(ports.ws),
    SIP_PORT: String(ports.sip),
    RPC_PORT: String(ports.rpc),
    WSS_PORT: ports.wss === undefined ? '' : String(ports.wss),
    // start.sh's watchdog stops Kamailio and deletes the state dir if this process dies
    OWNER_PID: String(process.pid),
    OWNER_CLEANUP: KEEP_STATE ? '0' : '1',
  };
}

async function startKamailio(stateDir: string, ports: Ports): Promise<number> {
  await run(path.join(HERE, 'start.sh'), [], scriptEnv(stateDir, ports));
  const pid = Number(readFileSync(path.join(stateDir, 'kamailio.pid'), 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`bad pid file in ${stateDir}`);
  return pid;
}

export async function startPbx(options: StartPbxOptions = {}): Promise<TestPbx> {
  const name = (options.name ?? 'test').replace(/[^A-Za-z0-9_.-]/g, '_');
  const accounts = readAccounts();
  await ensureKamailio();

  const stateDir = mkdtempSync(path.join(os.tmpdir(), `ozkit-pbx-${name}-`));
  let ports: Ports | undefined;
  let pid = 0;
  try {
    await run(path.join(HERE, 'init-db.sh'), [stateDir, ACCOUNTS_FILE]);
    for (let attempt = 1; ; attempt++) {
      ports = await pickPorts(options.wss === true);
      try {
        pid = await startKamailio(stateDir, ports);
        break;
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        // a port was taken between probing and binding (parallel suites): new ports, retry
        if (attempt < 4 && /Address already in use|bind\(/i.test(msg)) continue;
        throw e;
      }
    }
  } catch (e) {
    rmSync(stateDir, { recursive: true, force: true });
    throw new Error(`startPbx(${name}): ${e instanceof Error ? e.message : String(e)}`);
  }
  running.set(pid, stateDir);

  const fixed: Ports = ports;
  const rpcUrl = `http://127.0.0.1:${fixed.rpc}/RPC`;
  let rpcId = 0;
  let stopped = false;

  const stopKamailio = async (): Promise<void> => {
    await run(path.join(HERE, 'stop.sh'), [], { STATE_DIR: stateDir });
    running.delete(pbx.pid);
  };

  const pbx: TestPbx = {
    wsUrl: `ws://127.0.0.1:${fixed.ws}`,
    sipPort: fixed.sip,
    rpcUrl,
    domain: accounts.domain,
    stateDir,
    pid,
    password(ext: string): string {
      return accounts.passwordOf.replaceAll('<extension>', ext);
    },
    async rpc(method: string, params: unknown[] = []): Promise<unknown> {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', method, params, id: ++rpcId }),
      });
      const text = await response.text();
      let reply: unknown;
      try {
        reply = JSON.parse(text);
      } catch {
        throw new Error(`rpc ${method}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
      }
      if (typeof reply !== 'object' || reply === null)
        throw new Error(`rpc ${method}: bad reply ${text}`);
      const r = reply as { result?: unknown; error?: { code?: number; message?: string } };
      if (r.error)
        throw new Error(`rpc ${method}: ${r.error.code ?? ''} ${r.error.message ?? ''}`.trim());
      return r.result;
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      try {
        await stopKamailio();
      } finally {
        if (KEEP_STATE) console.log(`test PBX ${name}: state kept in ${stateDir}`);
        else rmSync(stateDir, { recursive: true, force: true });
      }
    },
    async restart(): Promise<void> {
      if (stopped) throw new Error('restart() after stop()');
      await stopKamailio();
      pbx.pid = await startKamailio(stateDir, fixed);
      running.set(pbx.pid, stateDir);
    },
  };
  if (fixed.wss !== undefined) {
    pbx.wssUrl = `wss://127.0.0.1:${fixed.wss}`;
    pbx.caFile = path.join(stateDir, 'cert.pem');
  }
  return pbx;
}

/** PEM text of the PBX's self-signed wss certificate, for installNodeWebSocket({ ca }). */
export function wssCaPem(pbx: TestPbx): string | undefined {
  return pbx.caFile === undefined ? undefined : readFileSync(pbx.caFile, 'utf8');
}
