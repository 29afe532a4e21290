/**
 * Records the first frame of each kind a connection sees, keyed by what it answers, so that a
 * real gateway's frames and the simulated gateway's (a test double) can be compared by shape.
 */
export const FRAME_DEPTH = {
  'event:connect.challenge': 3,
  'res:connect': 4,
  'res:health': 2,
  'res:status': 2,
  'res:config.get': 2,
  'res:config.patch': 2,
  'res:logs.tail': 3,
  'event:tick': 3,
  'event:health': 2,
  'event:shutdown': 3,
  'event:config.changed': 3,
  'error:connect:AUTH_TOKEN_MISMATCH': 4,
  'error:connect:PAIRING_REQUIRED': 4,
  'error:config.patch:INVALID_REQUEST': 4,
} as const;
export type FrameKey = keyof typeof FRAME_DEPTH;

const isKey = (k: string): k is FrameKey => Object.hasOwn(FRAME_DEPTH, k);

function keyOf(frame: Record<string, unknown>, methods: Map<string, string>): string | null {
  if (frame.type === 'event') return `event:${String(frame.event)}`;
  if (frame.type !== 'res') return null;
  const method = methods.get(String(frame.id)) ?? '?';
  if (frame.ok === true) return `res:${method}`;
  const error = (frame.error ?? {}) as Record<string, unknown>;
  const details = (error.details ?? {}) as Record<string, unknown>;
  return `error:${method}:${String(details.code ?? error.code)}`;
}

/** An `onFrame` tap for GatewayConnectionOptions that fills `into`. */
export function captureFrames(into: Map<FrameKey, unknown>): (direction: 'in' | 'out', text: string) => void {
  const methods = new Map<string, string>();
  return (direction, text) => {
    const frame = JSON.parse(text) as Record<string, unknown>;
    if (direction === 'out') {
      if (frame.type === 'req') methods.set(String(frame.id), String(frame.method));
      return;
    }
    const key = keyOf(frame, methods);
    if (key && isKey(key) && !into.has(key)) into.set(key, frame);
  };
}
