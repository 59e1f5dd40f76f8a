import type { MentorProfileChangedV1 } from '@tandem/contracts';
import type { EventBus, Tx } from '@tandem/subgraph-kit';
import { findIndustry, findOccupation } from '../classification/classification';
import type { UserRepository, UserRow } from '../users/user.repository';
import type { MentorProfileRow, ProfileFacets, ProfileRepository } from './profile.repository';

const coded = (code: string | null, find: typeof findIndustry) => {
  const c = find(code);
  return c ? { code: c.code, label: c.label } : null;
};

/**
 * The profile snapshots matching needs (MentorProfileChanged, MenteeProfileChanged): published in the transaction
 * of every change to a profile, and again when the person's name or organisation changes.
 */
export class ProfileSnapshots {
  constructor(
    private readonly users: UserRepository,
    private readonly profiles: ProfileRepository,
    private readonly events: EventBus,
  ) {}

  /** Re-publishes both snapshots after a change of name or organisation (no-op for facets that do not exist). */
  async republish(tx: Tx, userId: string): Promise<void> {
    await this.publishMentor(tx, userId);
    await this.publishMentee(tx, userId);
  }

  /** Publishes the mentor snapshot if the person has a mentor profile; returns the person. */
  async publishMentor(tx: Tx, userId: string): Promise<UserRow | null> {
    const user = await this.users.findById(userId, tx);
    const profile = await this.profiles.mentorForUpdate(tx, userId);
    if (!user || !profile) return user;
    await this.events.publish(tx, 'MentorProfileChanged', mentorSnapshot(user, profile));
    return user;
  }

  /** Publishes the mentee snapshot if the person has a mentee profile; returns the person. */
  async publishMentee(tx: Tx, userId: string): Promise<UserRow | null> {
    const user = await this.users.findById(userId, tx);
    const profile = await this.profiles.menteeForUpdate(tx, userId);
    if (!user || !profile) return user;
    // never earlier than the version a client already saw, even if this machine's clock stepped back
    const changedAt = new Date(Math.max(Date.now(), (profile.snapshotAt?.getTime() ?? 0) + 1));
    await this.events.publish(tx, 'MenteeProfileChanged', {
      ...snapshotFacets(profile),
      userId,
      displayName: user.displayName,
      needs: profile.needs,
      goals: profile.goals,
      organizationId: user.organizationId,
      changedAt: changedAt.toISOString(),
    });
    await this.profiles.markMenteeSnapshot(tx, userId, changedAt);
    return user;
  }
}

function snapshotFacets(p: ProfileFacets) {
  return {
    industry: coded(p.industryCode, findIndustry),
    occupation: coded(p.occupationCode, findOccupation),
    skills: p.skills,
    languages: p.languages,
    city: p.city,
    country: p.country,
    timeZone: p.timeZone,
    meetingPreferences: p.meetingPreferences,
    livedExperience: p.livedExperience,
    employer: p.employer,
  };
}

export function mentorSnapshot(user: UserRow, p: MentorProfileRow): MentorProfileChangedV1 {
  return {
    ...snapshotFacets(p),
    userId: user.id,
    displayName: user.displayName,
    status: p.status,
    headline: p.headline,
    yearsExperience: p.yearsExperience,
    hoursPerMonth: p.hoursPerMonth,
    capacity: p.capacity,
    pausedUntil: p.pausedUntil,
    organizationId: user.organizationId,
    changedAt: new Date().toISOString(),
  };
}
