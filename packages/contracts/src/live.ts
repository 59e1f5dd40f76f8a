/**
 * Live updates: the signals the subgraphs raise for the gateway's server-sent-events stream (`GET /live`). A signal
 * says only that something changed (a kind and an id), never what: the app refetches through `/graphql`, where
 * every access rule applies. Who receives it is decided by the subgraph that owns the change (`to`, and the staff
 * of `staffOf`), and the refetch checks it again.
 */

/** The Postgres NOTIFY channel the subgraphs signal on and every gateway replica listens to. */
export const LIVE_CHANNEL = 'tandem_live';

/** The gateway's stream of signals for the signed-in person (server-sent events). */
export const LIVE_PATH = '/live';

export const LIVE_SIGNAL_KINDS = [
  /** A message in the partners' thread of relationship `id`. */
  'MESSAGE',
  /** A message in the coach thread of relationship `id`. */
  'COACH_MESSAGE',
  /** A new in-app notification (`id` is the person's). */
  'NOTIFICATION',
  /** A change in the caseload of an organisation's coaches (`id` is the relationship). */
  'CASELOAD',
  /** The account's sessions ended (`id` is the account): the gateway checks its streams again at once. */
  'ACCOUNT',
  /**
   * A person's public facts changed (`id` is the person: their name, mentor profile or status, an erasure): the
   * gateway forgets the answers about them it shares between callers. Never sent to a stream.
   */
  'PERSON',
] as const;
export type LiveSignalKind = (typeof LIVE_SIGNAL_KINDS)[number];

/** What a subgraph raises (and the gateway reads from the channel). */
export interface LiveSignal {
  kind: LiveSignalKind;
  id: string;
  /** The people it is for. */
  to: string[];
  /** Also for the coaches and programme admins of this organisation (a caseload change). */
  staffOf?: string | null;
}

/** What a person's stream carries: the kind and the id, nothing else. */
export interface LiveEvent {
  kind: Exclude<LiveSignalKind, 'ACCOUNT' | 'PERSON'>;
  id: string;
}

/** A signal read from the channel, checked: anything malformed is null (and ignored). */
export function parseLiveSignal(text: string): LiveSignal | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const v = value as Partial<LiveSignal> | null;
  if (!v || typeof v.id !== 'string' || !LIVE_SIGNAL_KINDS.includes(v.kind as LiveSignalKind)) return null;
  if (!Array.isArray(v.to) || !v.to.every((t) => typeof t === 'string')) return null;
  if (v.staffOf != null && typeof v.staffOf !== 'string') return null;
  return { kind: v.kind as LiveSignalKind, id: v.id, to: v.to, staffOf: v.staffOf ?? null };
}
