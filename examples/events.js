// The page listens to the dialer's DOM events; details are plain data (text only). This script
// runs in <head> before the dialer's, so even the first event (the simulated PBX logs in at
// once) is heard; lines wait until the list below exists.
const waiting = [];
const show = (text) => {
  const log = document.getElementById('event-log');
  if (!log) return void waiting.push(text);
  const li = document.createElement('li');
  li.textContent = text; // never innerHTML: names and messages come from outside
  log.prepend(li);
};
document.addEventListener('DOMContentLoaded', () => waiting.splice(0).forEach(show));
for (const type of ['oz-connection', 'oz-call-state', 'oz-incoming-call', 'oz-error']) {
  document.addEventListener(type, (e) => show(`${type} ${JSON.stringify(e.detail)}`));
}
