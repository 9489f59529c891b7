import type { DirectoryDocument } from '../core/types';
import { demoDirectory } from './demoDirectory';

/**
 * Where the simulator's time comes from. Every timer of the simulator goes through it, so a test
 * can drive the PBX with fake timers or a manual clock. The shape is looser than
 * `typeof setTimeout` on purpose: the globals fit, and so does a hand-written clock.
 */
export interface SimulatorClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SimulatedPbxOptions {
  /** Default: demoDirectory. */
  directory?: DirectoryDocument;
  /** Extension → password; every other extension's password is `demo`. */
  credentials?: Record<string, string>;
  /** Ring time before a called extension answers (or rejects). Default 1500. */
  answerDelayMs?: number;
  /** Numbers that answer 486 Busy Here. Default ['1009']. */
  busy?: string[];
  /** Numbers that answer 404 Not Found. Default ['9999']. */
  notFound?: string[];
  /** Numbers that ring, then decline (603). Default ['1011']. */
  rejecting?: string[];
  /** Extensions that are not registered: lamp offline, calls get 480. Default ['1008', '1010']. */
  offline?: string[];
  /** How long an unanswered incoming call rings before the caller gives up. Default 30 000. */
  ringTimeoutMs?: number;
  /** Random calls between other extensions while connected. Default true. */
  background?: boolean;
  /** Most background calls at once. Default 3. */
  maxBackgroundCalls?: number;
  /** Seed of the PRNG behind background traffic and talk times. Default: random. */
  seed?: number;
  /** Default: the real timers (looked up at call time, so fake timers installed later apply). */
  clock?: SimulatorClock;
}

// The defaults make the demo directory show every outcome: 1009 is busy (its lamp stays busy,
// like a phone on do-not-disturb), 1011 rings and declines, 9999 does not exist, 1008 and 1010
// are not registered. Anything else that is not in the directory and does not look like an
// outside number (leading + or 0) is not found either.
export const DEFAULT_BUSY: readonly string[] = ['1009'];
export const DEFAULT_NOT_FOUND: readonly string[] = ['9999'];
export const DEFAULT_REJECTING: readonly string[] = ['1011'];
export const DEFAULT_OFFLINE: readonly string[] = ['1008', '1010'];

/** Fixed signalling delays (ms), short enough for a demo and exact under fake timers. */
export const TIMING = {
  /** A request and its answer (BYE/200, re-INVITE/200, REFER/202). */
  tick: 20,
  /** REGISTER until 200 OK. */
  connect: 50,
  /** INVITE until 180 Ringing (or the final answer of a busy or unknown number). */
  ring: 200,
  /** A MESSAGE until its echo comes back. */
  echo: 300,
  /** A dropped connection until it is registered again. */
  reconnect: 2000,
} as const;

export const realClock: SimulatorClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) =>
    globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};

export interface ResolvedOptions {
  readonly directory: DirectoryDocument;
  readonly credentials: Readonly<Record<string, string>>;
  readonly answerDelayMs: number;
  readonly busy: ReadonlySet<string>;
  readonly notFound: ReadonlySet<string>;
  readonly rejecting: ReadonlySet<string>;
  readonly offline: ReadonlySet<string>;
  readonly ringTimeoutMs: number;
  readonly background: boolean;
  readonly maxBackgroundCalls: number;
  readonly seed: number;
  readonly clock: SimulatorClock;
}

export function resolveOptions(o: SimulatedPbxOptions = {}): ResolvedOptions {
  return {
    directory: o.directory ?? demoDirectory,
    credentials: { ...o.credentials },
    answerDelayMs: o.answerDelayMs ?? 1500,
    busy: new Set(o.busy ?? DEFAULT_BUSY),
    notFound: new Set(o.notFound ?? DEFAULT_NOT_FOUND),
    rejecting: new Set(o.rejecting ?? DEFAULT_REJECTING),
    offline: new Set(o.offline ?? DEFAULT_OFFLINE),
    ringTimeoutMs: o.ringTimeoutMs ?? 30_000,
    background: o.background ?? true,
    maxBackgroundCalls: o.maxBackgroundCalls ?? 3,
    seed: o.seed ?? Math.floor(Math.random() * 2 ** 32),
    clock: o.clock ?? realClock,
  };
}

export const DEFAULT_PASSWORD = 'demo';
