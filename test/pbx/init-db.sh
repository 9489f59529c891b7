#!/bin/sh
# Create a fresh PBX state dir: sqlite DB (Kamailio's own schema files) with one
# subscriber per fixture extension, the RLS list from the fixture in the xcap table,
# and the db_text tables rls needs.
# usage: test/pbx/init-db.sh STATE_DIR [ACCOUNTS_JSON]
#        test/pbx/init-db.sh --runtime-only STATE_DIR   (start.sh: only reset the rls tables)
#   ACCOUNTS_JSON defaults to test/fixtures/accounts.json:
#   { domain, passwordOf: "pw-<extension>", extensions: [...], resourceList: { uri, owner, members, event? } }
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
RUNTIME_ONLY=0
if [ "${1:-}" = --runtime-only ]; then RUNTIME_ONLY=1; shift; fi
STATE_DIR=${1:?usage: init-db.sh STATE_DIR [ACCOUNTS_JSON]}
ACCOUNTS=${2:-$HERE/../fixtures/accounts.json}
SQL=/usr/share/kamailio/db_sqlite
DBT_SRC=/usr/share/kamailio/dbtext/kamailio
DB="$STATE_DIR/kamailio.sqlite"

# rls_watchers / rls_presentity live in db_text (db_sqlite 5.6 crashes rls, see kamailio.cfg).
# They are runtime state: reset on every start, because Kamailio writes rows back that it
# then refuses to load ("null value not allowed"), and subscriptions do not survive anyway.
reset_runtime() {
  DBT="$STATE_DIR/dbtext"
  rm -rf "$DBT"
  mkdir -p "$DBT"
  cp "$DBT_SRC/rls_presentity" "$DBT_SRC/rls_watchers" "$DBT/"
  { head -1 "$DBT_SRC/version"; grep -E '^0:(version|rls_presentity|rls_watchers):' "$DBT_SRC/version"; } >"$DBT/version"
}

mkdir -p "$STATE_DIR"
if [ "$RUNTIME_ONLY" = 1 ]; then
  reset_runtime
  exit 0
fi
rm -f "$DB" "$DB-wal" "$DB-shm"

# The fixture is JSON: let node turn it into SQL (no jq needed). Prints the domain on fd 3.
gen_sql() {
  node --input-type=module - "$ACCOUNTS" <<'JS'
import { readFileSync, writeSync } from "node:fs";
const a = JSON.parse(readFileSync(process.argv[2], "utf8"));
const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
const xml = (s) => String(s).replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]);
const domain = a.domain;
if (!domain || !Array.isArray(a.extensions)) throw new Error("accounts.json needs domain and extensions");
const out = [];
for (const ext of a.extensions) {
  const pw = String(a.passwordOf ?? "pw-<extension>").replaceAll("<extension>", ext);
  out.push(`INSERT INTO subscriber (username, domain, password) VALUES (${q(ext)}, ${q(domain)}, ${q(pw)});`);
}
const rl = a.resourceList;
if (rl) {
  // rls-services document (xcap doc_type 8) owned by rl.owner; rls reads it directly
  // (integrated_xcap_server=1), so no XCAP HTTP server is needed
  const entries = rl.members.map((m) => `      <rl:entry uri="${xml(`sip:${m}@${domain}`)}"/>`).join("\n");
  const doc = `<?xml version="1.0" encoding="UTF-8"?>
<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists">
  <service uri="${xml(rl.uri)}">
    <list name="${xml(rl.uri.replace(/^sip:/, "").split("@")[0])}">
${entries}
    </list>
    <packages><package>${xml(rl.event ?? "dialog")}</package></packages>
  </service>
</rls-services>`;
  out.push(
    `INSERT INTO xcap (username, domain, doc, doc_type, etag, source, doc_uri, port) VALUES (` +
      `${q(rl.owner)}, ${q(domain)}, ${q(doc)}, 8, ${q(`etag-${rl.owner}-1`)}, 1, ` +
      `${q(`rls-services/users/sip:${rl.owner}@${domain}/index`)}, 0);`,
  );
}
process.stdout.write(out.join("\n") + "\n");
writeSync(3, domain + "\n");
JS
}

{
  cat "$SQL/standard-create.sql" "$SQL/auth_db-create.sql" "$SQL/presence-create.sql" "$SQL/rls-create.sql"
  gen_sql 3>"$STATE_DIR/domain"
} | sqlite3 "$DB"

reset_runtime

echo "initialised $STATE_DIR: $(sqlite3 "$DB" 'select count(*) from subscriber') subscribers @ $(cat "$STATE_DIR/domain"), $(sqlite3 "$DB" 'select count(*) from xcap') xcap doc(s)"
