import { ExtensionType } from '../core/enums';
import type { DirectoryDocument, DirectoryExtension } from '../core/types';

/**
 * person: a phone of someone (SIP, Webphone, any unknown type); service: IVR, voicemail, queue,
 * conference (never busy, answers at once); line: an outside line; external: a number outside.
 */
export type PartyKind = 'person' | 'service' | 'line' | 'external';

export interface Party {
  readonly id: string;
  readonly name: string;
  readonly kind: PartyKind;
  readonly type: string;
}

const SERVICE_TYPES: ReadonlySet<string> = new Set([
  ExtensionType.IVR,
  ExtensionType.VOICEMAIL,
  ExtensionType.QUEUE,
  ExtensionType.CONFERENCE,
]);

/** What a PBX would route out through a trunk: an international or a national number. */
const OUTSIDE_NUMBER = /^(\+[0-9]+|0[0-9*#]*)$/;

/** Look-ups the simulated PBX needs over its directory. */
export class DirectoryIndex {
  readonly #extensions = new Map<string, DirectoryExtension>();
  readonly #lines = new Map<string, DirectoryExtension>();
  readonly #owners = new Map<string, string>();
  readonly #devices = new Map<string, readonly string[]>();

  constructor(doc: DirectoryDocument) {
    for (const e of doc.extensions) this.#extensions.set(e.id, e);
    for (const l of doc.outsideLines ?? []) this.#lines.set(l.id, l);
    for (const u of doc.users) {
      this.#devices.set(u.id, u.devices);
      for (const d of u.devices) if (!this.#owners.has(d)) this.#owners.set(d, u.fullName);
    }
  }

  isExtension(id: string): boolean {
    return this.#extensions.has(id);
  }

  extensionIds(): string[] {
    return [...this.#extensions.keys()];
  }

  /** Extension ids of people (the ones that can be busy, offline or call each other). */
  people(): string[] {
    return this.extensionIds().filter((id) => this.party(id)?.kind === 'person');
  }

  extensionsOfType(type: string): string[] {
    return this.extensionIds().filter((id) => this.#extensions.get(id)?.type === type);
  }

  devicesOf(userId: string): readonly string[] {
    return this.#devices.get(userId) ?? [];
  }

  /** Who answers `number`, or null when the PBX cannot route it. */
  party(number: string): Party | null {
    const ext = this.#extensions.get(number);
    if (ext) {
      const kind = SERVICE_TYPES.has(ext.type) ? 'service' : 'person';
      return {
        id: number,
        name: ext.displayName ?? this.#owners.get(number) ?? number,
        kind,
        type: ext.type,
      };
    }
    const line = this.#lines.get(number);
    if (line)
      return { id: number, name: line.displayName ?? number, kind: 'line', type: line.type };
    if (OUTSIDE_NUMBER.test(number))
      return { id: number, name: number, kind: 'external', type: '' };
    return null;
  }

  nameOf(number: string): string {
    return this.party(number)?.name ?? number;
  }

  /** Ozeki's sourceType / destinationType: an extension, or something behind an outside line. */
  typeOf(number: string): string {
    return this.#extensions.has(number) ? 'Extension' : 'OutsideLine';
  }
}

export interface RouteRules {
  readonly busy: ReadonlySet<string>;
  readonly notFound: ReadonlySet<string>;
  readonly rejecting: ReadonlySet<string>;
  readonly offline: ReadonlySet<string>;
}

/** ring: rings, then answers; immediate: answers at once; reject: rings, then declines. */
export type Route =
  | { kind: 'busy'; statusCode: 486 }
  | { kind: 'notFound'; statusCode: 404 | 480 }
  | { kind: 'answer'; party: Party; mode: 'ring' | 'immediate' | 'reject' };

export interface RouteContext {
  /** The calling party: calling oneself is busy. */
  from: string | null;
  /** The logged-in extension, which is registered even when listed as offline. */
  me: string | null;
  /** Whether an extension is already in a call (a person then answers busy). */
  engaged(id: string): boolean;
}

/** How the PBX answers a call to `number`. */
export function route(
  dir: DirectoryIndex,
  rules: RouteRules,
  number: string,
  ctx: RouteContext,
): Route {
  if (rules.notFound.has(number)) return { kind: 'notFound', statusCode: 404 };
  if (rules.busy.has(number)) return { kind: 'busy', statusCode: 486 };
  const party = dir.party(number);
  if (!party) return { kind: 'notFound', statusCode: 404 };
  if (party.id === ctx.from) return { kind: 'busy', statusCode: 486 };
  if (party.kind === 'person') {
    if (rules.offline.has(party.id) && party.id !== ctx.me) {
      return { kind: 'notFound', statusCode: 480 };
    }
    if (ctx.engaged(party.id)) return { kind: 'busy', statusCode: 486 };
  }
  if (rules.rejecting.has(number)) return { kind: 'answer', party, mode: 'reject' };
  return { kind: 'answer', party, mode: party.kind === 'service' ? 'immediate' : 'ring' };
}
