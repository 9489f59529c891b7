// After `npm run build`: the package imports itself by name, as an app would, and works.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { ConnectionState, createOzWebClient, OzWebClient } from 'ozkit';
import { createSimulatedPbx, demoDirectory } from 'ozkit/simulator';

const pkg = JSON.parse(
  await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8')),
);
for (const [entry, spec] of Object.entries(pkg.exports)) {
  if (typeof spec === 'object')
    assert.ok(existsSync(spec.types), `${entry}: missing ${spec.types}`);
}

assert.equal(typeof OzWebClient.connect, 'function');
const client = createOzWebClient({ backend: createSimulatedPbx({ background: false }) });
const granted = new Promise((resolve) =>
  client.onConnectionStateChanged((i) => i.State === ConnectionState.ACCESS_GRANTED && resolve()),
);
client.connect('simulator', demoDirectory.extensions[1].id, { Password: 'demo' });
await granted;
assert.equal(client.helper.getUserById('admin')?.id, 'admin');
await client.disconnectAsync();
console.log('package self-import: ok (ozkit, ozkit/simulator)');
