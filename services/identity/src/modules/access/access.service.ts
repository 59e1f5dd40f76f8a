import { rowLoader, type SubgraphContext } from '@tandem/subgraph-kit';
import { accessPolicy, NO_RELATION, type AccessRelation, type AccessSubject } from './access.policy';
import type { AccessRepository, RelationRow } from './access.repository';

export type Visibility = 'person' | 'mentorFull' | 'mentorPublic' | 'mentee' | 'contact' | 'roles';

/** Applies the access policy for the caller of a request, loading relation facts only when a rule needs them (batched per request). */
export class AccessService {
  constructor(private readonly repo: AccessRepository) {}

  private async relation(ctx: SubgraphContext, subject: AccessSubject): Promise<AccessRelation> {
    const p = ctx.principal;
    if (accessPolicy.decidesWithoutRelation(p, subject)) return NO_RELATION;
    const relation = await rowLoader(
      ctx,
      'access:relations',
      (r: RelationRow) => r.subjectId,
      (ids) => this.repo.relations(p!.userId, p!.organizationId ?? null, ids),
    ).load(subject.id);
    return relation ?? NO_RELATION;
  }

  async can(ctx: SubgraphContext, subject: AccessSubject, what: Visibility): Promise<boolean> {
    const p = ctx.principal;
    switch (what) {
      case 'mentorFull':
        return accessPolicy.canSeeMentorProfileFull(p, subject);
      case 'mentorPublic':
        return accessPolicy.canSeeMentorProfilePublic(p, subject);
      case 'roles':
        return accessPolicy.canSeeRoles(p, subject);
      case 'person':
        if (!p) return false;
        if (accessPolicy.canSeePerson(p, subject, NO_RELATION)) return true;
        return accessPolicy.canSeePerson(p, subject, await this.relation(ctx, subject));
      case 'mentee':
        return accessPolicy.canSeeMenteeProfile(p, subject, await this.relation(ctx, subject));
      case 'contact':
        return accessPolicy.canSeeContact(p, subject, await this.relation(ctx, subject));
    }
  }
}
