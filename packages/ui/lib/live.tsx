/**
 * Live updates in the apps: one stream per signed-in tab from the gateway's `GET /live` (server-sent events read
 * with fetch, so the access token travels in the Authorization header as for `/graphql`; the events are parsed by
 * eventsource-parser). The stream carries signals only (a kind and an id); a screen refetches what it shows through
 * `/graphql` when a signal concerns it. When the stream is unavailable the screens poll instead, and the stream is
 * tried again with back-off; after a gap (or a `resync`) every screen refetches.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { createParser } from 'eventsource-parser';
import type { SessionStore } from './session';
import { useAuth } from './auth';

/** A signal: something of this kind changed (a relationship's thread, the person's notifications, a caseload). */
export interface LiveSignal {
  kind: 'MESSAGE' | 'COACH_MESSAGE' | 'NOTIFICATION' | 'CASELOAD';
  id: string;
}

/** `live`: signals arrive as they happen; `polling`: the stream is down and screens check by themselves. */
export type LiveStatus = 'connecting' | 'live' | 'polling';

/** How often a screen checks for news while the stream is unavailable. */
export const LIVE_POLL_MS = 30_000;

/** The shortest time between two refetches of one screen prompted by signals. */
const REFRESH_GAP_MS = 1_000;

type Listener = (signal: LiveSignal | 'resync') => void;

/** The tab's stream: connects while someone is signed in, reconnects with back-off, tells listeners. */
export class LiveConnection {
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private status: LiveStatus = 'connecting';
  private lastEventId: string | undefined;
  private abort: AbortController | undefined;
  private stopped = false;
  private wakeUp: (() => void) | undefined;

  constructor(
    private readonly store: SessionStore,
    private readonly url = '/live',
  ) {}

  get current(): LiveStatus {
    return this.status;
  }

  onSignal(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wakeUp?.();
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    const wasDown = this.status === 'polling';
    this.status = status;
    for (const l of this.statusListeners) l(status);
    // back after a gap: what changed meanwhile was not signalled
    if (status === 'live' && wasDown) this.emit('resync');
  }

  private emit(signal: LiveSignal | 'resync'): void {
    for (const l of this.listeners) l(signal);
  }

  private async run(): Promise<void> {
    let failures = 0;
    let retryMs = 3_000;
    while (!this.stopped) {
      const token = await this.store.accessToken();
      if (!token || this.stopped) break;
      this.abort = new AbortController();
      let heard = false;
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
        if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
        const res = await fetch(this.url, { headers, signal: this.abort.signal, cache: 'no-store' });
        if (res.status === 401) await this.store.refresh();
        if (res.ok && res.body && res.headers.get('content-type')?.startsWith('text/event-stream')) {
          const reason = await this.read(
            res.body,
            (ms) => (retryMs = ms),
            () => (heard = true),
          );
          // the account changed (roles, a new password elsewhere): a fresh token, or the sign-in page
          if (reason === 'SESSION_ENDED') await this.store.refresh();
        }
      } catch {
        // network error or stopped; handled below
      }
      if (this.stopped) break;
      failures = heard ? 0 : failures + 1;
      if (failures > 0) this.setStatus('polling');
      const wait = Math.min(retryMs * 2 ** Math.max(0, failures - 1), 60_000) * (0.8 + Math.random() * 0.4);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, failures === 0 ? 250 : wait);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Reads one stream to its end; the reason the server gave when it closed it, if any. */
  private async read(
    body: ReadableStream<Uint8Array>,
    onRetry: (ms: number) => void,
    onOpen: () => void,
  ): Promise<string | undefined> {
    let reason: string | undefined;
    const parser = createParser({
      onRetry,
      onEvent: (event) => {
        if (event.id) this.lastEventId = event.id;
        if (event.event === 'ready' || event.event === 'resync') {
          onOpen();
          this.setStatus('live');
          if (event.event === 'resync') this.emit('resync');
        } else if (event.event === 'signal') {
          try {
            this.emit(JSON.parse(event.data) as LiveSignal);
          } catch {
            // not a signal we understand: ignored
          }
        } else if (event.event === 'closed') {
          try {
            reason = (JSON.parse(event.data) as { reason?: string }).reason;
          } catch {
            reason = undefined;
          }
        }
      },
    });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    return reason;
  }
}

const LiveContext = createContext<LiveConnection | null>(null);

/** One live stream for the signed-in person (none signed out); a new one for each person. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { store, session } = useAuth();
  const userId = session?.user.id ?? null;
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  useEffect(() => {
    if (!userId) return;
    const c = new LiveConnection(store);
    setConnection(c);
    c.start();
    return () => {
      c.stop();
      setConnection(null);
    };
  }, [store, userId]);
  return <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>;
}

/** The stream's status (`polling` when there is no stream). */
export function useLiveStatus(): LiveStatus {
  const connection = useContext(LiveContext);
  const [status, setStatus] = useState<LiveStatus>(connection?.current ?? 'connecting');
  useEffect(() => {
    if (!connection) return;
    setStatus(connection.current);
    return connection.onStatus(setStatus);
  }, [connection]);
  return status;
}

/**
 * Refetches what a screen shows when a signal concerns it (`matches`), after a gap in the stream, and every
 * `pollMs` while the stream is unavailable.
 */
export function useLiveRefresh(
  matches: (signal: LiveSignal) => boolean,
  refresh: () => void,
  pollMs: number = LIVE_POLL_MS,
): void {
  const connection = useContext(LiveContext);
  const status = useLiveStatus();
  const latest = useRef({ matches, refresh });
  latest.current = { matches, refresh };
  useEffect(() => {
    if (!connection) return;
    // a burst of signals (a cohort matched at once) is one refetch, then at most one a second
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      timer = undefined;
      last = Date.now();
      latest.current.refresh();
    };
    const off = connection.onSignal((signal) => {
      if (timer || (signal !== 'resync' && !latest.current.matches(signal))) return;
      timer = setTimeout(run, Math.max(100, last + REFRESH_GAP_MS - Date.now()));
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [connection]);
  useEffect(() => {
    if (status === 'live') return;
    const timer = setInterval(() => latest.current.refresh(), pollMs);
    return () => clearInterval(timer);
  }, [status, pollMs]);
}

/** The stream's status in words, for a screen that shows it (read out politely when it changes). */
export function LiveIndicator({ labels }: { labels: Record<LiveStatus, string> }) {
  const status = useLiveStatus();
  return (
    <span className={`live-indicator live-${status}`} role="status">
      <span className="live-dot" aria-hidden="true" />
      {labels[status]}
    </span>
  );
}
