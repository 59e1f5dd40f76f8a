import { createHash, randomBytes } from 'node:crypto';
import { requirePrincipal, type Database, type SubgraphContext } from '@tandem/subgraph-kit';
import type { Clock } from '../shared/dates';
import type { CalendarFeedRepository, CalendarFeedRow } from './calendar-feed.repository';
import type { PersonProfileRepository } from '../users/person-profile.repository';
import { feedCalendar } from './meeting-calendar';

/** How far back a feed lists meetings, and how many at most. */
export const FEED_PAST_DAYS = 30;
const FEED_MAX_EVENTS = 500;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Private calendar feeds (issue 20): a person creates a secret feed URL of their own planned meetings (shown once,
 * stored hashed; a new one revokes the old), revokes it, and a calendar app reads it through the gateway with the
 * token alone. Only the person sees whether they have one.
 */
export class CalendarFeedService {
  constructor(
    private readonly repo: CalendarFeedRepository,
    private readonly db: Database,
    private readonly clock: Clock,
    /** The public address feeds are read at (the gateway's `/calendar`), and the participant app's. */
    private readonly urls: { feed: string; webApp: string },
    private readonly people: PersonProfileRepository,
  ) {}

  /** A new secret feed for the caller (the old one stops working); the URL is returned this once. */
  async create(ctx: SubgraphContext): Promise<{ feed: CalendarFeedRow; url: string }> {
    const principal = requirePrincipal(ctx);
    // 32 random bytes: unguessable, and URL-safe as base64url
    const token = randomBytes(32).toString('base64url');
    const feed = await this.db.transaction((tx) =>
      this.repo.replace(tx, principal.userId, hashOf(token), this.clock()),
    );
    return { feed, url: `${this.urls.feed.replace(/\/+$/, '')}/${token}.ics` };
  }

  /** Revokes the caller's feed; whether there was one. */
  async revoke(ctx: SubgraphContext): Promise<boolean> {
    const principal = requirePrincipal(ctx);
    return (await this.db.transaction((tx) => this.repo.revoke(tx, principal.userId, this.clock()))) > 0;
  }

  /** The person's live feed (its creation time, never its URL); null for anyone else. */
  async of(ctx: SubgraphContext, userId: string): Promise<CalendarFeedRow | null> {
    if (ctx.principal?.userId !== userId) return null;
    return this.repo.live(userId);
  }

  /** The feed's iCalendar text for a token, or null when the token is unknown or revoked. */
  async render(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const feed = await this.repo.byTokenHash(hashOf(token));
    if (!feed) return null;
    const now = this.clock();
    const since = new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000);
    const plans = await this.repo.plansOf(feed.userId, since, FEED_MAX_EVENTS);
    const language = (await this.people.language(this.db, feed.userId)) ?? 'en';
    const web = this.urls.webApp.replace(/\/+$/, '');
    return feedCalendar(plans, (p) => `${web}/relationships/${p.relationshipId}#plan-${p.id}`, now, language);
  }
}
