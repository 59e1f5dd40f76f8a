import { NotFound, requirePrincipal, type Database, type EventBus, type SubgraphContext } from '@tandem/subgraph-kit';
import { toUser, userResult, type User, type UserResult } from '../users/user.type';
import type { UserRepository } from '../users/user.repository';
import type { Language } from './language';
import type { LanguageRepository } from './language.repository';

/** A person's language: they read and change their own; nobody else sees it. */
export class LanguageService {
  constructor(
    private readonly languages: LanguageRepository,
    private readonly users: UserRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** The person's own saved language (null until they choose); null for anyone else. */
  async of(ctx: SubgraphContext, user: User): Promise<Language | null> {
    if (ctx.principal?.userId !== user.id) return null;
    return this.languages.saved(user.id);
  }

  async set(ctx: SubgraphContext, language: Language): Promise<UserResult> {
    const principal = requirePrincipal(ctx);
    const saved = await this.db.transaction(async (tx) => {
      if (!(await this.languages.set(tx, principal.userId, language))) return false;
      // relationships writes the person's calendar feed in it, reporting their documents (letters, tracking sheets)
      await this.events.publish(tx, 'UserLanguageChanged', {
        userId: principal.userId,
        language,
        changedAt: new Date().toISOString(),
      });
      return true;
    });
    const row = saved ? await this.users.findById(principal.userId) : null;
    if (!row) throw NotFound('User');
    return userResult(toUser(row));
  }
}
