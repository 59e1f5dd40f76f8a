import { hasRole, requirePrincipal, rowLoader, type SubgraphContext } from '@tandem/subgraph-kit';
import type { UserService } from '../users/user.service';
import type { User } from '../users/user.type';
import type { RelationshipCoachRepository, RelationshipFactRow } from './relationship-coach.repository';

/**
 * Who coaches a relationship: the coaches of its organisation (the one who proposed the match first), shown to
 * its two partners, those coaches and admins; nobody else learns them. What of each coach shows (name, contact
 * details) is the User's own access rules: the pair reaches them while the relationship is active.
 */
export class RelationshipCoachService {
  constructor(
    private readonly repo: RelationshipCoachRepository,
    private readonly users: UserService,
  ) {}

  async coaches(ctx: SubgraphContext, relationshipId: string): Promise<User[]> {
    const p = requirePrincipal(ctx);
    const fact = await rowLoader(
      ctx,
      'coaching:facts',
      (r: RelationshipFactRow) => r.relationshipId,
      (ids) => this.repo.facts(ids),
    ).load(relationshipId);
    if (!fact?.organizationId) return [];
    const partner = p.userId === fact.menteeId || p.userId === fact.mentorId;
    const coach = hasRole(p, 'COACH') && p.organizationId === fact.organizationId;
    if (!partner && !coach && !hasRole(p, 'ADMIN', 'PROGRAMME_ADMIN')) return [];
    const ids = await this.repo.coachesOf(fact.organizationId, fact.coachId);
    return (await this.users.load(ctx, ids)).filter((u) => u !== null);
  }
}
