// Ozeki's documented getUserById flow, unchanged apart from the import: log in, look up the
// admin user, call their first device, greet them once the call is answered.
import { CallState, ConnectionState, createOzWebClient } from '../src/index';
import { createSimulatedPbx, demoDirectory } from '../src/simulator/index';

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
