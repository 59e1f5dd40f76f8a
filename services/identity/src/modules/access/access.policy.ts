/**
 * Who may see what of a person, as pure rules (unit-tested). "Admins" here are ADMIN and PROGRAMME_ADMIN.
 * Analysts get no personal data: a principal whose only role is ANALYST sees nobody's fields.
 */
import { participates, type Principal } from '@tandem/contracts';

export type MentorStatus = 'PENDING_REVIEW' | 'APPROVED' | 'REJECTED';

/** The facts about the person looked at that the rules need (from the user row). */
export interface AccessSubject {
  id: string;
  organizationId: string | null;
  mentorStatus: MentorStatus | null;
}

/** What links the caller to the person, learnt from other subgraphs' events. */
export interface AccessRelation {
  /** The person (a mentee) sent the caller a mentoring request, or a coach proposed the caller as their mentor. */
  asked: boolean;
  /** The caller and the person share an ACTIVE or COMPLETED relationship (a withdrawn one does not count). */
  counterpart: boolean;
  /** The person is a partner of an ACTIVE relationship of the caller's organisation (counts for a COACH caller). */
  coaching: boolean;
  /** The person is a COACH of the organisation of an ACTIVE relationship the caller is a partner of. */
  coachedBy: boolean;
}

export const NO_RELATION: AccessRelation = { asked: false, counterpart: false, coaching: false, coachedBy: false };

const has = (p: Principal | null, ...roles: string[]) => !!p && p.roles.some((r) => roles.includes(r));

export const accessPolicy = {
  isSelf: (p: Principal | null, s: AccessSubject) => !!p && p.userId === s.id,
  isAdmin: (p: Principal | null) => has(p, 'ADMIN', 'PROGRAMME_ADMIN'),
  /** A coach of the person's organisation. */
  isOwnCoach: (p: Principal | null, s: AccessSubject) =>
    has(p, 'COACH') && !!p!.organizationId && p!.organizationId === s.organizationId,
  /** Holds a role other than ANALYST (analysts alone see no personal data). */
  participates: (p: Principal | null) => participates(p),

  /** Coaches the person's active relationship: a COACH of the organisation of an active relationship of theirs. */
  coaches: (p: Principal | null, rel: AccessRelation) => has(p, 'COACH') && rel.coaching,

  /** Self and admins decide without relation facts (saves a query); a coach's contact access needs them. */
  decidesWithoutRelation(p: Principal | null, s: AccessSubject): boolean {
    return !p || this.isSelf(p, s) || this.isAdmin(p) || !this.participates(p);
  },

  /** Name and organisation: anyone who may see any part of the person. */
  canSeePerson(p: Principal | null, s: AccessSubject, rel: AccessRelation): boolean {
    if (!p) return false;
    if (this.isSelf(p, s) || this.isAdmin(p) || this.isOwnCoach(p, s) || this.coaches(p, rel)) return true;
    return this.participates(p) && (s.mentorStatus === 'APPROVED' || rel.asked || rel.counterpart || rel.coachedBy);
  },

  /** Everything of the mentor profile, including status, review comment and pause: self, admins, own coach. */
  canSeeMentorProfileFull(p: Principal | null, s: AccessSubject): boolean {
    return !!p && (this.isSelf(p, s) || this.isAdmin(p) || this.isOwnCoach(p, s));
  },

  /** The public fields of an approved mentor: any signed-in participant. */
  canSeeMentorProfilePublic(p: Principal | null, s: AccessSubject): boolean {
    return this.participates(p) && s.mentorStatus === 'APPROVED';
  },

  /** The mentee profile: self, admins, own coach, the coach of their active relationship, mentors asked or proposed, relationship counterparts. */
  canSeeMenteeProfile(p: Principal | null, s: AccessSubject, rel: AccessRelation): boolean {
    if (!p) return false;
    if (this.isSelf(p, s) || this.isAdmin(p) || this.isOwnCoach(p, s) || this.coaches(p, rel)) return true;
    return this.participates(p) && (rel.asked || rel.counterpart);
  },

  /**
   * Email and phone: self, admins, the counterpart of an active or completed relationship, a coach of the
   * organisation of the person's active relationship (lost when it ends), and the partners of an active
   * relationship for that organisation's coaches (the pair can reach their coach).
   */
  canSeeContact(p: Principal | null, s: AccessSubject, rel: AccessRelation): boolean {
    if (!p) return false;
    if (this.isSelf(p, s) || this.isAdmin(p) || this.coaches(p, rel)) return true;
    return this.participates(p) && (rel.counterpart || rel.coachedBy);
  },

  /** Roles and organisation membership: self, admins, own coach. */
  canSeeRoles(p: Principal | null, s: AccessSubject): boolean {
    return !!p && (this.isSelf(p, s) || this.isAdmin(p) || this.isOwnCoach(p, s));
  },
};
