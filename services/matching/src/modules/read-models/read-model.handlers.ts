/** Event handlers that keep matching's read models current from identity's and relationships' events. */
import type { EntityManager } from 'typeorm';
import type { EventHandlers } from '@tandem/subgraph-kit';
import type { EventPayloads } from '@tandem/contracts';
import type { MentorLoadRepository } from '../load/mentor-load.repository';

/** Lower-cased, trimmed, de-duplicated tags: how skills, languages and lived experience are compared. */
export function normaliseTags(values: readonly string[] | null | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim().toLowerCase()).filter(Boolean))];
}

/** The code family: the first two digits of a NAICS industry or a NOC occupation code. */
export function codeFamily(code: string | null | undefined): string | null {
  return code ? code.slice(0, 2) : null;
}

type Payload<N extends keyof EventPayloads> = EventPayloads[N];

export function createReadModelHandlers(load: MentorLoadRepository): EventHandlers {
  const relationshipEnded = async (
    p: Payload<'RelationshipCompleted'> | Payload<'RelationshipWithdrawn'>,
    manager: EntityManager,
  ) => {
    await manager.query(
      `INSERT INTO mentor_relationship (relationship_id, mentor_id, mentee_id, active) VALUES ($1, $2, $3, false)
       ON CONFLICT (relationship_id) DO UPDATE SET active = false`,
      [p.relationshipId, p.mentorId, p.menteeId],
    );
    await load.refresh(manager, p.mentorId);
  };
  return {
    MentorProfileChanged: async ({ payload: p }, manager) => {
      const args = [
        p.userId,
        p.displayName,
        p.status,
        p.headline,
        p.industry?.code ?? null,
        p.industry?.label ?? null,
        codeFamily(p.industry?.code),
        p.occupation?.code ?? null,
        p.occupation?.label ?? null,
        codeFamily(p.occupation?.code),
        p.yearsExperience,
        normaliseTags(p.skills),
        normaliseTags(p.languages),
        p.city,
        p.country,
        p.timeZone,
        p.meetingPreferences ?? [],
        p.hoursPerMonth,
        Math.max(0, p.capacity ?? 0),
        normaliseTags(p.livedExperience),
        p.employer,
        p.pausedUntil,
        p.organizationId,
        p.changedAt,
      ];
      // a snapshot: newer wins, an older one arriving late changes nothing
      const changed = await manager.query(
        `INSERT INTO mentor_profile (user_id, display_name, status, headline, industry_code, industry_label, industry_family,
           occupation_code, occupation_label, occupation_family, years_experience, skills, languages, city, country, time_zone,
           meeting_preferences, hours_per_month, capacity, lived_experience, employer, paused_until, organization_id, changed_at, search_tsv)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,
           setweight(to_tsvector('english', coalesce($4, '')), 'A') || setweight(to_tsvector('english', array_to_string($12::text[], ' ')), 'B')
           || setweight(to_tsvector('english', coalesce($9, '') || ' ' || coalesce($6, '')), 'C'))
         ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, status = EXCLUDED.status, headline = EXCLUDED.headline,
           industry_code = EXCLUDED.industry_code, industry_label = EXCLUDED.industry_label, industry_family = EXCLUDED.industry_family,
           occupation_code = EXCLUDED.occupation_code, occupation_label = EXCLUDED.occupation_label, occupation_family = EXCLUDED.occupation_family,
           years_experience = EXCLUDED.years_experience, skills = EXCLUDED.skills, languages = EXCLUDED.languages, city = EXCLUDED.city,
           country = EXCLUDED.country, time_zone = EXCLUDED.time_zone, meeting_preferences = EXCLUDED.meeting_preferences,
           hours_per_month = EXCLUDED.hours_per_month, capacity = EXCLUDED.capacity, lived_experience = EXCLUDED.lived_experience,
           employer = EXCLUDED.employer, paused_until = EXCLUDED.paused_until, organization_id = EXCLUDED.organization_id,
           changed_at = EXCLUDED.changed_at, search_tsv = EXCLUDED.search_tsv
         WHERE mentor_profile.changed_at <= EXCLUDED.changed_at
         RETURNING user_id`,
        args,
      );
      if (changed.length) await load.refresh(manager, p.userId);
    },
    MenteeProfileChanged: async ({ payload: p }, manager) => {
      await manager.query(
        `INSERT INTO mentee_profile (user_id, display_name, industry_code, industry_label, occupation_code, occupation_label, skills, languages,
           city, country, time_zone, meeting_preferences, lived_experience, needs, goals, employer, organization_id, changed_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)
         ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, industry_code = EXCLUDED.industry_code,
           industry_label = EXCLUDED.industry_label, occupation_code = EXCLUDED.occupation_code, occupation_label = EXCLUDED.occupation_label,
           skills = EXCLUDED.skills, languages = EXCLUDED.languages, city = EXCLUDED.city, country = EXCLUDED.country, time_zone = EXCLUDED.time_zone,
           meeting_preferences = EXCLUDED.meeting_preferences, lived_experience = EXCLUDED.lived_experience, needs = EXCLUDED.needs,
           goals = EXCLUDED.goals, employer = EXCLUDED.employer, organization_id = EXCLUDED.organization_id, changed_at = EXCLUDED.changed_at
         WHERE mentee_profile.changed_at <= EXCLUDED.changed_at`,
        [
          p.userId,
          p.displayName,
          p.industry?.code ?? null,
          p.industry?.label ?? null,
          p.occupation?.code ?? null,
          p.occupation?.label ?? null,
          normaliseTags(p.skills),
          normaliseTags(p.languages),
          p.city,
          p.country,
          p.timeZone,
          p.meetingPreferences ?? [],
          normaliseTags(p.livedExperience),
          normaliseTags(p.needs),
          p.goals ?? [],
          p.employer,
          p.organizationId,
          p.changedAt,
        ],
      );
    },
    ProgrammeChanged: async ({ payload: p }, manager) => {
      const updated = await manager.query(
        `INSERT INTO programme (id, name, organization_ids, max_open_requests_per_mentee, request_expiry_days, matching_weights, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, organization_ids = EXCLUDED.organization_ids,
           max_open_requests_per_mentee = EXCLUDED.max_open_requests_per_mentee, request_expiry_days = EXCLUDED.request_expiry_days,
           matching_weights = EXCLUDED.matching_weights, changed_at = EXCLUDED.changed_at
         WHERE programme.changed_at <= EXCLUDED.changed_at RETURNING id`,
        [
          p.programmeId,
          p.name,
          p.organizationIds ?? [],
          p.maxOpenRequestsPerMentee || 3,
          p.requestExpiryDays || 14,
          JSON.stringify(p.matchingWeights ?? {}),
          p.changedAt,
        ],
      );
      if (!updated.length) return;
      for (const c of p.cohorts ?? []) {
        await manager.query(
          `INSERT INTO cohort (id, programme_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET programme_id = EXCLUDED.programme_id, name = EXCLUDED.name, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on`,
          [c.cohortId, p.programmeId, c.name, c.startsOn, c.endsOn],
        );
      }
    },
    ProgrammeEnrolled: async ({ payload: p }, manager) => {
      await manager.query(
        `INSERT INTO enrolment (user_id, programme_id, role, cohort_id, organization_id, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id, programme_id, role) DO UPDATE SET cohort_id = EXCLUDED.cohort_id, organization_id = EXCLUDED.organization_id,
           enrolled_at = EXCLUDED.enrolled_at WHERE enrolment.enrolled_at <= EXCLUDED.enrolled_at`,
        [p.userId, p.programmeId, p.role, p.cohortId, p.organizationId, p.enrolledAt],
      );
    },
    RelationshipStarted: async ({ payload: p }, manager) => {
      // an end seen first keeps the relationship ended
      await manager.query(
        `INSERT INTO mentor_relationship (relationship_id, mentor_id, mentee_id, match_id, active) VALUES ($1, $2, $3, $4, true)
         ON CONFLICT (relationship_id) DO UPDATE SET match_id = EXCLUDED.match_id`,
        [p.relationshipId, p.mentorId, p.menteeId, p.matchId ?? null],
      );
      // the seat held by the confirmed match is now an active relationship
      if (p.matchId) await manager.query(`UPDATE confirmed_match SET started = true WHERE match_id = $1`, [p.matchId]);
      await load.refresh(manager, p.mentorId);
    },
    RelationshipCompleted: async ({ payload }, manager) => relationshipEnded(payload, manager),
    RelationshipWithdrawn: async ({ payload }, manager) => relationshipEnded(payload, manager),
    UserErased: async ({ payload: p }, manager) => {
      await manager.query(`DELETE FROM mentor_profile WHERE user_id = $1`, [p.userId]);
      await manager.query(`DELETE FROM mentee_profile WHERE user_id = $1`, [p.userId]);
      // their words go; the facts (who asked whom, when) stay for the counterpart and reporting
      await manager.query(`UPDATE mentor_question SET question = '[erased]' WHERE mentee_id = $1`, [p.userId]);
      await manager.query(
        `UPDATE mentor_question SET answer = '[erased]' WHERE mentor_id = $1 AND answer IS NOT NULL`,
        [p.userId],
      );
      await manager.query(`UPDATE mentoring_request SET message = '[erased]' WHERE mentee_id = $1`, [p.userId]);
      await manager.query(`UPDATE mentoring_request_message SET body = '[erased]' WHERE author_id = $1`, [p.userId]);
    },
  };
}

export const CONSUMED_EVENTS = [
  'MentorProfileChanged',
  'MenteeProfileChanged',
  'ProgrammeChanged',
  'ProgrammeEnrolled',
  'RelationshipStarted',
  'RelationshipCompleted',
  'RelationshipWithdrawn',
  'UserErased',
] as const;
