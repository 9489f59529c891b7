import { ExtensionType } from '../core/enums';
import type { Random } from './random';
import type { CallPlan, Switchboard } from './switchboard';
import type { Timers } from './timers';

/** Callers and callees from outside, from ranges reserved for fiction. */
const OUTSIDE_NUMBERS = ['+442079460555', '+447700900777', '+442079460888', '+447700900999'];

const TRAFFIC = 'traffic';

export interface TrafficOptions {
  max: number;
  /** Extensions left out (the admin's phones, so Ozeki's example call always gets through). */
  avoid: ReadonlySet<string>;
}

/**
 * Random calls between other parties every few seconds, at most `max` at once: colleagues
 * calling each other, customers calling people or the support queue, people calling out. Most
 * are answered, some hold for a while, some ring out. Stops when the timers are cleared.
 */
export function startTraffic(
  board: Switchboard,
  timers: Timers,
  rng: Random,
  o: TrafficOptions,
): void {
  const tick = (): void => {
    if (board.count('background') < o.max) placeRandomCall(board, rng, o.avoid);
    timers.after(rng.between(2_000, 6_000), tick, TRAFFIC);
  };
  timers.after(rng.between(1_000, 3_000), tick, TRAFFIC);
}

function placeRandomCall(board: Switchboard, rng: Random, avoid: ReadonlySet<string>): void {
  const idle = board.idlePeople(avoid);
  const person = rng.pick(idle);
  if (person === undefined) return;
  const outside = rng.pick(OUTSIDE_NUMBERS) ?? '+442079460555';
  const roll = rng.next();
  const plan = backgroundPlan(rng);
  if (roll < 0.15) {
    const queue = rng.pick(board.dir.extensionsOfType(ExtensionType.QUEUE));
    board.place(
      outside,
      queue !== undefined && rng.chance(0.5) ? queue : person,
      'background',
      plan,
    );
  } else if (roll < 0.3) {
    board.place(person, outside, 'background', plan);
  } else {
    const other = rng.pick(idle.filter((id) => id !== person));
    if (other !== undefined) board.place(person, other, 'background', plan);
  }
}

function backgroundPlan(rng: Random): CallPlan {
  const talkMs = rng.between(6_000, 30_000);
  return {
    ringMs: rng.between(3_000, 9_000),
    answer: rng.chance(0.85),
    talkMs,
    ...(rng.chance(0.25) && {
      hold: { atMs: Math.floor(talkMs / 3), forMs: Math.floor(talkMs / 3) },
    }),
  };
}
