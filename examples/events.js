// The page listens to the dialer's DOM events; details are plain data (text only).
const log = document.getElementById('event-log');
const show = (text) => {
  const li = document.createElement('li');
  li.textContent = text; // never innerHTML: names and messages come from outside
  log.prepend(li);
};
for (const type of ['oz-connection', 'oz-call-state', 'oz-incoming-call', 'oz-error']) {
  document.addEventListener(type, (e) => show(`${type} ${JSON.stringify(e.detail)}`));
}
