/**
 * Live updates (issue 23): `GET /live`, a server-sent-events stream of signals for the signed-in person.
 *
 * - Authorised like `/graphql`: the same bearer token and account-state check (session-check.ts). The stream is
 *   checked again when identity signals that the account's sessions ended (an ACCOUNT signal: a role revoked, a
 *   password changed, a suspension, an erasure), every `recheckMs` as a safety net, and it ends when its token
 *   expires (the client reconnects with a fresh one).
 * - Fed by the subgraphs' transactions: each owning subgraph raises a signal (a kind, an id, its recipients) as a
 *   Postgres NOTIFY in the transaction of the change (the kit's live.ts); every gateway replica LISTENs on one
 *   connection of its own, which reads no table, and writes each signal to the streams of its own clients.
 * - A signal is never personal data: the app refetches through `/graphql`, where every access rule applies again.
 * - Event ids are this replica's sequence: a reconnect with `Last-Event-ID` gets what it missed from the recent
 *   signals kept in memory, or a `resync` (refetch all) when they are gone or came from another replica.
 * - Heartbeats keep proxies from closing an idle stream; at most `maxPerPerson` streams per account; every stream
 *   gets a `closed` event with its reason before the gateway ends it (shutdown included).
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { decodeJwt } from 'jose';
import pg from 'pg';
import type { Logger } from 'pino';
import { LIVE_CHANNEL, parseLiveSignal, type LiveEvent, type LiveSignal, type Principal } from '@tandem/contracts';
import { headerOf, type NodeMiddleware } from '@tandem/http';
import { SessionStateUnavailableError } from './account-states';
import { InvalidTokenError } from './auth';
import { sendLocalisedError } from './error-language';
import type { SharedEntities } from './shared-entities';

export interface LiveOptions {
  /** LIVE_DATABASE_URL: LISTEN needs only a connection (no table is read). None: `/live` answers 503 and the apps poll. */
  databaseUrl: string | undefined;
  log: Logger;
  /** The check `/graphql` makes: the token's principal with the account's current roles; throws when refused. */
  verify: (authorization: string | undefined) => Promise<Principal | null>;
  /** Forgets an account's remembered state, so the next check asks identity (after an ACCOUNT signal). */
  forget: (userId: string) => void;
  /** The answers shared between callers: told when this replica starts or stops hearing signals, and each PERSON signal. */
  shared?: Pick<SharedEntities, 'setListening' | 'forget'>;
  /** Middleware before the stream (CORS, security headers), as for `/graphql`. */
  before: NodeMiddleware[];
  heartbeatMs: number;
  recheckMs: number;
  maxPerPerson: number;
  /**
   * How often the LISTEN connection is asked `SELECT 1` (it may take as long to answer): a connection that died
   * without a word (a database failover behind a proxy, a dropped NAT entry) ends no stream and raises no error, and
   * this replica would hear no signal, streams and shared answers alike. 10 s by default.
   */
  listenCheckMs?: number;
}

/** Why a stream was closed (the `closed` event's `reason`). */
export type LiveCloseReason = 'SESSION_ENDED' | 'TOKEN_EXPIRED' | 'UNAVAILABLE' | 'SHUTDOWN';

interface Stream {
  principal: Principal;
  authorization: string;
  res: http.ServerResponse;
  timers: Array<ReturnType<typeof setInterval>>;
  closed: boolean;
}

/** Signals remembered for reconnecting clients (`Last-Event-ID`). */
const RECENT = 1000;
/** What the client waits before reconnecting after a drop (the SSE `retry` field). */
const RETRY_MS = 3000;
const STAFF = new Set(['COACH', 'PROGRAMME_ADMIN']);
/** What may wait unread for one client before it is let go (a signal is under 100 bytes). */
const MAX_BUFFERED_BYTES = 64 * 1024;

/** Whether a signal is for this person: named in it, or staff of the organisation it names. */
export function isFor(signal: LiveSignal, principal: Principal): boolean {
  if (signal.to.includes(principal.userId)) return true;
  return (
    !!signal.staffOf && principal.organizationId === signal.staffOf && principal.roles.some((role) => STAFF.has(role))
  );
}

/** The gateway's live streams: one LISTEN connection per replica, and the open streams of its clients. */
export class LiveStreams {
  private readonly byPerson = new Map<string, Set<Stream>>();
  /** This replica's run: event ids of another run (or replica) cannot be replayed here. */
  private readonly run = randomUUID().slice(0, 8);
  private seq = 0;
  private readonly recent: Array<{ seq: number; signal: LiveSignal }> = [];
  private client: pg.Client | undefined;
  private listening = false;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wakeLoop: (() => void) | undefined;

  constructor(private readonly options: LiveOptions) {}

  /** Starts listening (in the background: the gateway serves `/graphql` whether or not the database answers). */
  start(): void {
    if (this.options.databaseUrl) this.loop = this.listen(this.options.databaseUrl);
  }

  /** Whether streams can be served now (the LISTEN connection is up). */
  get available(): boolean {
    return this.listening;
  }

  /** Open streams (all accounts). */
  get size(): number {
    let n = 0;
    for (const set of this.byPerson.values()) n += set.size;
    return n;
  }

  private async listen(databaseUrl: string): Promise<void> {
    const log = this.options.log;
    let backoffMs = 250;
    while (!this.stopped) {
      const client = new pg.Client({
        connectionString: databaseUrl,
        application_name: 'gateway-live',
        connectionTimeoutMillis: 5_000,
      });
      const ended = new Promise<void>((resolve) => {
        client.on('error', (error) => {
          // a stop ends the connection on purpose: nothing failed
          if (!this.stopped) log.warn({ err: error }, 'live updates: the LISTEN connection failed');
          resolve();
        });
        client.on('end', () => resolve());
      });
      client.on('notification', (message) => {
        if (message.channel === LIVE_CHANNEL && message.payload) this.dispatch(message.payload);
      });
      // held from the start, so a stop() while it connects ends it; pg never settles connect() on a client ended
      // while connecting, so the connection's end is raced too (else the loop, and stop(), would wait for ever)
      this.client = client;
      try {
        const opening = client.connect().then(() => client.query(`LISTEN ${LIVE_CHANNEL}`));
        opening.catch(() => {}); // when the end wins the race, its rejection (if any) is nobody's
        const opened = await Promise.race([opening.then(() => true), ended.then(() => false)]);
        if (opened && !this.stopped) {
          this.listening = true;
          this.options.shared?.setListening(true);
          backoffMs = 250;
          log.info('live updates: listening');
          const check = checkConnection(client, this.options.listenCheckMs ?? 10_000);
          const silent = await Promise.race([ended.then(() => false), check.lost.then(() => true)]);
          check.stop();
          if (silent && !this.stopped) log.warn('live updates: the LISTEN connection stopped answering; reconnecting');
        }
      } catch (error) {
        if (!this.stopped) log.warn({ err: error }, 'live updates: cannot listen; retrying');
      }
      this.listening = false;
      this.options.shared?.setListening(false);
      this.client = undefined;
      // a connection that stopped answering may never confirm its end either
      await Promise.race([client.end().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      // signals sent meanwhile are lost to these streams: their clients poll, then reconnect and refetch
      this.closeAll('UNAVAILABLE');
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoffMs);
        this.wakeLoop = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      backoffMs = Math.min(backoffMs * 2, 10_000);
    }
  }

  /** A signal from the channel: an ACCOUNT signal re-checks that person's streams, any other is sent to its recipients. */
  private dispatch(payload: string): void {
    const signal = parseLiveSignal(payload);
    if (!signal) return;
    if (signal.kind === 'PERSON') {
      this.options.shared?.forget(signal.id);
      return;
    }
    if (signal.kind === 'ACCOUNT') {
      for (const userId of signal.to) {
        this.options.forget(userId);
        for (const stream of this.byPerson.get(userId) ?? []) void this.recheck(stream);
      }
      return;
    }
    const seq = ++this.seq;
    this.recent.push({ seq, signal });
    if (this.recent.length > RECENT) this.recent.shift();
    const event: LiveEvent = { kind: signal.kind, id: signal.id };
    const targets = signal.staffOf ? this.all() : signal.to.flatMap((id) => [...(this.byPerson.get(id) ?? [])]);
    for (const stream of targets) if (isFor(signal, stream.principal)) this.send(stream, 'signal', event, seq);
  }

  private *all(): Iterable<Stream> {
    for (const set of this.byPerson.values()) yield* set;
  }

  /** The `/live` request handler. */
  handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chain = [...this.options.before];
    const next = (error?: unknown): void => {
      if (error) {
        sendLocalisedError(req, res, 500, 'Live updates failed.', 'INTERNAL_SERVER_ERROR');
        return;
      }
      const middleware = chain.shift();
      if (middleware) middleware(req, res, next);
      else void this.open(req, res);
    };
    next();
  };

  private async open(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    req.resume();
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      sendLocalisedError(req, res, 405, 'Live updates are a GET stream.', 'BAD_USER_INPUT');
      return;
    }
    if (!this.listening || this.stopped) {
      res.setHeader('Retry-After', '10');
      sendLocalisedError(
        req,
        res,
        503,
        'Live updates are unavailable; the app checks for news by itself meanwhile.',
        'SERVICE_UNAVAILABLE',
      );
      return;
    }
    const authorization = headerOf(req, 'authorization');
    let principal: Principal | null;
    try {
      principal = await this.options.verify(authorization);
    } catch (error) {
      if (error instanceof SessionStateUnavailableError) {
        sendLocalisedError(req, res, 503, error.message, 'SERVICE_UNAVAILABLE');
        return;
      }
      const message = error instanceof InvalidTokenError ? error.message : 'The access token is not valid.';
      sendLocalisedError(req, res, 401, message, 'UNAUTHENTICATED');
      return;
    }
    if (!principal || !authorization) {
      sendLocalisedError(req, res, 401, 'Sign in to receive live updates.', 'UNAUTHENTICATED');
      return;
    }
    if (res.destroyed || req.socket.destroyed) return; // the client left while its token was checked
    const mine = this.byPerson.get(principal.userId) ?? new Set<Stream>();
    if (mine.size >= this.options.maxPerPerson) {
      res.setHeader('Retry-After', '30');
      sendLocalisedError(
        req,
        res,
        429,
        `At most ${this.options.maxPerPerson} live streams per person; close another tab.`,
        'RATE_LIMITED',
        {
          limit: 'liveStreams',
        },
      );
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    const stream: Stream = { principal, authorization, res, timers: [], closed: false };
    mine.add(stream);
    this.byPerson.set(principal.userId, mine);
    res.write(`retry: ${RETRY_MS}\n\n`);
    this.replay(stream, headerOf(req, 'last-event-id'));
    stream.timers.push(
      setInterval(() => {
        res.write(': heartbeat\n\n');
        this.dropIfStuck(stream);
      }, this.options.heartbeatMs),
    );
    stream.timers.push(setInterval(() => void this.recheck(stream), this.options.recheckMs));
    const exp = expiryOf(authorization);
    if (exp !== null)
      stream.timers.push(setTimeout(() => this.close(stream, 'TOKEN_EXPIRED'), Math.max(0, exp - Date.now())));
    res.on('close', () => this.forgetStream(stream));
  }

  /** After a reconnect: what this replica sent since `lastEventId`, else (another replica's id, too old) `resync`. */
  private replay(stream: Stream, lastEventId: string | undefined): void {
    const [run, seqText] = (lastEventId ?? '').split('.');
    const last = Number(seqText);
    const oldest = this.recent[0]?.seq ?? this.seq + 1;
    if (!lastEventId) {
      this.send(stream, 'ready', {}, this.seq);
      return;
    }
    if (run !== this.run || !Number.isInteger(last) || last > this.seq || last < oldest - 1) {
      this.send(stream, 'resync', {}, this.seq);
      return;
    }
    this.send(stream, 'ready', {}, last);
    for (const { seq, signal } of this.recent)
      if (seq > last && isFor(signal, stream.principal))
        this.send(stream, 'signal', { kind: signal.kind, id: signal.id }, seq);
  }

  private send(stream: Stream, event: string, data: object, seq: number): void {
    if (stream.closed) return;
    stream.res.write(`id: ${this.run}.${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    this.dropIfStuck(stream);
  }

  /** A client that reads nothing (its buffer keeps growing) is let go: it reconnects and resyncs, or it is gone. */
  private dropIfStuck(stream: Stream): void {
    if (stream.res.writableLength > MAX_BUFFERED_BYTES) this.close(stream, 'UNAVAILABLE');
  }

  /** The account checked again as a request would be; its roles and organisation updated, or the stream closed. */
  private async recheck(stream: Stream): Promise<void> {
    if (stream.closed) return;
    try {
      const principal = await this.options.verify(stream.authorization);
      if (!principal) throw new InvalidTokenError('invalid');
      stream.principal = principal;
    } catch (error) {
      this.close(stream, error instanceof SessionStateUnavailableError ? 'UNAVAILABLE' : 'SESSION_ENDED');
    }
  }

  private close(stream: Stream, reason: LiveCloseReason): void {
    if (stream.closed) return;
    stream.res.write(`event: closed\ndata: ${JSON.stringify({ reason })}\n\n`);
    this.forgetStream(stream);
    stream.res.end();
  }

  private forgetStream(stream: Stream): void {
    stream.closed = true;
    for (const timer of stream.timers) clearInterval(timer);
    const mine = this.byPerson.get(stream.principal.userId);
    mine?.delete(stream);
    if (mine && mine.size === 0) this.byPerson.delete(stream.principal.userId);
  }

  private closeAll(reason: LiveCloseReason): void {
    for (const stream of [...this.all()]) this.close(stream, reason);
  }

  /** Closes every stream (clients reconnect to another replica) and the LISTEN connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closeAll('SHUTDOWN');
    this.wakeLoop?.();
    await this.client?.end().catch(() => {});
    await this.loop;
  }
}

/** Asks the connection `SELECT 1` every `everyMs`; `lost` resolves when an answer fails or takes longer than that. */
function checkConnection(client: pg.Client, everyMs: number): { lost: Promise<void>; stop(): void } {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lose = () => {};
  const lost = new Promise<void>((resolve) => (lose = resolve));
  const ask = () => {
    if (stopped) return;
    timer = setTimeout(lose, everyMs);
    client.query('SELECT 1').then(
      () => {
        clearTimeout(timer);
        if (!stopped) timer = setTimeout(ask, everyMs);
      },
      () => lose(),
    );
  };
  timer = setTimeout(ask, everyMs);
  return {
    lost,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** When the bearer token expires (ms), or null when it says nothing (already verified; only its `exp` is read). */
function expiryOf(authorization: string): number | null {
  try {
    const exp = decodeJwt(authorization.replace(/^Bearer\s+/i, '')).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}
