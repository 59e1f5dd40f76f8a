/**
 * A client of the gateway's live stream (`GET /live`) for tests, as the apps read it: fetch with the bearer token,
 * the events parsed by eventsource-parser. It keeps every event it got and lets a test wait for one.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface LiveClient {
  status: number;
  events: EventSourceMessage[];
  /** The signals received so far (`{ kind, id }`). */
  signals(): Array<{ kind: string; id: string }>;
  /** Resolves with the first event (past or future) that matches, or rejects after `timeoutMs`. */
  next(match: (e: EventSourceMessage) => boolean, timeoutMs?: number): Promise<EventSourceMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openLive(
  gatewayGraphqlUrl: string,
  token: string | null,
  headers: Record<string, string> = {},
): Promise<LiveClient> {
  const abort = new AbortController();
  const res = await fetch(new URL('/live', gatewayGraphqlUrl), {
    headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    signal: abort.signal,
  });
  const events: EventSourceMessage[] = [];
  const waiters = new Set<() => void>();
  const parser = createParser({
    onEvent(event) {
      events.push(event);
      for (const w of [...waiters]) w();
    },
  });
  let ended: Promise<void> = Promise.resolve();
  if (res.ok && res.body) {
    const body = res.body.pipeThrough(new TextDecoderStream());
    ended = (async () => {
      try {
        for await (const chunk of body) parser.feed(chunk);
      } catch {
        // aborted by close()
      }
      for (const w of [...waiters]) w();
    })();
  } else await res.body?.cancel();
  let done = false;
  void ended.then(() => (done = true));
  return {
    status: res.status,
    events,
    signals: () => events.filter((e) => e.event === 'signal').map((e) => JSON.parse(e.data)),
    next(match, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) {
            cleanup();
            resolve(found);
          } else if (done) {
            cleanup();
            reject(new Error(`the stream ended without the event; got ${JSON.stringify(events)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no such event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    ended,
    close: () => abort.abort(),
  };
}
