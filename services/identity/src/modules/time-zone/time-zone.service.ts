import {
  NotFound,
  fieldError,
  requirePrincipal,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { toUser, userResult, type User, type UserResult } from '../users/user.type';
import type { UserRepository } from '../users/user.repository';
import { INVALID_TIME_ZONE, INVALID_TIME_ZONE_MESSAGE, isTimeZone } from './time-zone';
import type { TimeZoneRepository } from './time-zone.repository';

/** A person's time zone: they read and change their own; the subgraphs that show times hear of it by event. */
export class TimeZoneService {
  constructor(
    private readonly zones: TimeZoneRepository,
    private readonly users: UserRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** The person's own saved zone (null until they choose); null for anyone else. */
  async of(ctx: SubgraphContext, user: User): Promise<string | null> {
    if (ctx.principal?.userId !== user.id) return null;
    return this.zones.saved(user.id);
  }

  async set(ctx: SubgraphContext, timeZone: string): Promise<UserResult> {
    const principal = requirePrincipal(ctx);
    const zone = timeZone.trim();
    if (!isTimeZone(zone))
      return userResult(null, [fieldError('timeZone', INVALID_TIME_ZONE, INVALID_TIME_ZONE_MESSAGE)]);
    const saved = await this.db.transaction(async (tx) => {
      if (!(await this.zones.set(tx, principal.userId, zone))) return false;
      await this.events.publish(tx, 'UserTimeZoneChanged', {
        userId: principal.userId,
        timeZone: zone,
        changedAt: new Date().toISOString(),
      });
      return true;
    });
    const row = saved ? await this.users.findById(principal.userId) : null;
    if (!row) throw NotFound('User');
    return userResult(toUser(row));
  }
}
