/**
 * Per-entity dialog-info state across NOTIFYs (RFC 4235 §4.1 versioning):
 * full documents replace, partial ones merge by dialog id, stale/duplicate
 * versions are ignored.
 */
import type { DialogInfoDialog, DialogInfoDoc } from './dialogInfo.js';
import { unangle } from './values.js';

export interface DialogInfoApplyResult {
  /** False when the document was ignored (stale or duplicate version). */
  accepted: boolean;
  /**
   * Current dialogs of the entity after applying. Dialogs that terminated in this
   * document are included this once (so callers see the transition), then dropped.
   */
  dialogs: DialogInfoDialog[];
  /**
   * True when an accepted partial document did not directly follow the last version
   * (a NOTIFY was lost, or there was no full baseline): state may be incomplete and the
   * caller should re-subscribe to get a full document.
   */
  versionGap: boolean;
}

interface EntityState {
  version: number;
  dialogs: Map<string, DialogInfoDialog>;
  /** Set by reset(): the next full document is accepted whatever its version. */
  resetPending: boolean;
  /** Terminated dialog ids already reported, so repeated full documents report them once. */
  reportedTerminated: string[];
}

/** How many reported-terminated ids to remember per entity (full docs repeat recent terminations). */
const TERMINATED_MEMORY = 64;

/**
 * Fields that identify a dialog rather than describe its current state: kept from earlier
 * versions when a later one omits them (Kamailio drops the tags once confirmed, and call
 * pickup with Replaces needs them).
 */
const STICKY_FIELDS = [
  'callId',
  'localTag',
  'remoteTag',
  'direction',
  'localIdentity',
  'localDisplay',
  'localTarget',
  'localUser',
  'remoteIdentity',
  'remoteDisplay',
  'remoteTarget',
  'remoteUser',
] as const;

/** Entity key: angle brackets stripped, case-insensitive. */
function entityKey(entity: string): string {
  return unangle(entity).toLowerCase();
}

function inherit(next: DialogInfoDialog, prev: DialogInfoDialog | undefined): DialogInfoDialog {
  if (!prev) return next;
  const merged: DialogInfoDialog = { ...next };
  for (const f of STICKY_FIELDS) copyIfMissing(merged, prev, f);
  return merged;
}

function copyIfMissing<K extends (typeof STICKY_FIELDS)[number]>(
  to: DialogInfoDialog,
  from: DialogInfoDialog,
  k: K,
): void {
  const v = from[k];
  if (to[k] === undefined && v !== undefined) to[k] = v;
}

export class DialogInfoTracker {
  readonly #entities = new Map<string, EntityState>();

  /**
   * Call after (re)subscribing: the new subscription's first (full) NOTIFY may restart
   * version numbering, so it is accepted even with a lower version.
   */
  reset(entity: string): void {
    const st = this.#entities.get(entityKey(entity));
    if (st) st.resetPending = true;
  }

  /** Drops all state kept for an entity (e.g. after unsubscribing). */
  forget(entity: string): void {
    this.#entities.delete(entityKey(entity));
  }

  /** Current (non-terminated) dialogs of an entity. */
  dialogs(entity: string): DialogInfoDialog[] {
    return [...(this.#entities.get(entityKey(entity))?.dialogs.values() ?? [])];
  }

  apply(doc: DialogInfoDoc): DialogInfoApplyResult {
    const key = entityKey(doc.entity);
    const st = this.#entities.get(key);
    const full = doc.state === 'full';
    if (st && doc.version <= st.version && !(full && st.resetPending)) {
      return { accepted: false, dialogs: [...st.dialogs.values()], versionGap: false };
    }
    const versionGap = !full && (!st || st.resetPending || doc.version !== st.version + 1);
    const prev = st?.dialogs ?? new Map<string, DialogInfoDialog>();
    const next = full ? new Map<string, DialogInfoDialog>() : new Map(prev);
    const reported = st?.reportedTerminated ?? [];
    const report: DialogInfoDialog[] = [];

    for (const d of doc.dialogs) {
      const merged = inherit(d, prev.get(d.id));
      if (merged.state === 'terminated') {
        next.delete(d.id);
        if (!reported.includes(d.id)) {
          reported.push(d.id);
          report.push(merged);
        }
      } else {
        next.set(d.id, merged);
        // A dialog id that comes back alive may terminate (and be reported) again.
        const k = reported.indexOf(d.id);
        if (k >= 0) reported.splice(k, 1);
      }
    }
    if (reported.length > TERMINATED_MEMORY)
      reported.splice(0, reported.length - TERMINATED_MEMORY);

    this.#entities.set(key, {
      version: doc.version,
      dialogs: next,
      resetPending: false,
      reportedTerminated: reported,
    });
    return { accepted: true, dialogs: [...next.values(), ...report], versionGap };
  }
}
