// Ozeki's documented getUserById flow, unchanged apart from the import: log in, look up the
// admin user, call their first device, greet them once the call is answered.
// Open the demo with ?example=getUserById to run it.
import { CallState, ConnectionState, createOzWebClient } from '../../src/index';
import { createSimulatedPbx, demoDirectory } from '../../src/simulator/index';

export function runGetUserById(root: HTMLElement): void {
  root.innerHTML = `
    <h1>ozkit demo — the Ozeki <code>getUserById</code> example on the simulated PBX</h1>
    <p>Connection: <strong id="connection">not connected</strong></p>
    <p>Call: <strong id="call-state">—</strong></p>
    <h2>Messages</h2>
    <ul id="messages"></ul>
    <h2>Log</h2>
    <ol id="log"></ol>
    <p><a href="./">Back to the softphone</a></p>`;
  const $ = (id: string) => document.getElementById(id) as HTMLElement;
  const log = (text: string) => {
    const li = document.createElement('li');
    li.textContent = `${new Date().toLocaleTimeString()} ${text}`;
    $('log').append(li);
  };

  const OzWebClient = createOzWebClient({ backend: createSimulatedPbx({ answerDelayMs: 1500 }) });
  const admin = demoDirectory.users.find((u) => u.id === 'admin');
  const me = demoDirectory.extensions.find((e) => e.id !== admin?.devices[0])?.id ?? '';

  OzWebClient.onErrorOccured((e) => log(`error ${e.code}: ${e.message}`));
  OzWebClient.onConnectionStateChanged((info) => {
    $('connection').textContent = info.State;
    log(`connection ${info.State}`);
    if (info.State !== ConnectionState.ACCESS_GRANTED) return;
    const user = OzWebClient.helper.getUserById('admin');
    if (!user || user.devices.length === 0) return;
    const call = OzWebClient.createCall(user.devices[0] as string);
    call.onCallStateChanged((state) => {
      $('call-state').textContent = state;
      log(`call ${state}`);
      if (state === CallState.ANSWERED) call.sendMessage('Hello World!');
    });
    call.onMessageReceived((text) => {
      const li = document.createElement('li');
      li.textContent = `${call.getOtherParty()}: ${text}`;
      $('messages').append(li);
    });
    call.start();
  });
  OzWebClient.connect('simulator', me, { Password: 'demo' });
}
