export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

interface MediaSection {
  kind: string;
  port: number;
  direction: Direction;
  connectionZero: boolean;
}

const DIRECTION = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/;

/** The m= sections of an SDP body with their effective direction (media level over session). */
export function mediaSections(sdp: string): MediaSection[] {
  const lines = sdp.split(/\r?\n/);
  let sessionDirection: Direction = 'sendrecv';
  let sessionZero = false;
  const out: MediaSection[] = [];
  let current: (MediaSection & { explicit: boolean; explicitZero: boolean | null }) | null = null;
  const close = () => {
    if (!current) return;
    out.push({
      kind: current.kind,
      port: current.port,
      direction: current.explicit ? current.direction : sessionDirection,
      connectionZero: current.explicitZero ?? sessionZero,
    });
  };
  for (const line of lines) {
    const m = /^m=(\w+)\s+(\d+)/.exec(line);
    if (m) {
      close();
      current = {
        kind: m[1] ?? '',
        port: Number(m[2]),
        direction: 'sendrecv',
        connectionZero: false,
        explicit: false,
        explicitZero: null,
      };
      continue;
    }
    const d = DIRECTION.exec(line);
    if (d) {
      const dir = d[1] as Direction;
      if (current) {
        current.direction = dir;
        current.explicit = true;
      } else sessionDirection = dir;
      continue;
    }
    if (line.startsWith('c=')) {
      // RFC 2543 hold: c=IN IP4 0.0.0.0
      const zero = /\s0\.0\.0\.0\s*$/.test(line);
      if (current) current.explicitZero = zero;
      else sessionZero = zero;
    }
  }
  close();
  return out;
}

/**
 * True when an offer from the peer puts us on hold: every active stream is sendonly or
 * inactive from the peer's side (or the old c=0.0.0.0 form).
 */
export function isHoldOffer(sdp: string): boolean {
  const active = mediaSections(sdp).filter((s) => s.port !== 0);
  if (active.length === 0) return false;
  return active.every(
    (s) => s.connectionZero || s.direction === 'sendonly' || s.direction === 'inactive',
  );
}

/** True when the SDP carries an active video stream. */
export function hasVideo(sdp: string | undefined): boolean {
  if (!sdp) return false;
  return mediaSections(sdp).some((s) => s.kind === 'video' && s.port !== 0);
}
