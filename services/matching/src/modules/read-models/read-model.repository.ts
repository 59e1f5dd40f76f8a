import { withNudgeDefaults, type EventPayloads } from '@tandem/contracts';
import type { Tx } from '@tandem/subgraph-kit';
import { family, normaliseTags } from '../search/score';
import { columns } from '../shared/columns';

/** A mentor of the search read model (identity's profile as matching keeps it). */
export interface MentorProfileRow {
  userId: string;
  displayName: string;
  status: string;
  headline: string | null;
  industryCode: string | null;
  industryLabel: string | null;
  occupationCode: string | null;
  occupationLabel: string | null;
  yearsExperience: number | null;
  skills: string[];
  languages: string[];
  city: string | null;
  country: string | null;
  timeZone: string | null;
  meetingPreferences: string[];
  hoursPerMonth: number | null;
  capacity: number;
  livedExperience: string[];
  employer: string | null;
  pausedUntil: string | null;
  organizationId: string | null;
  hasCapacity: boolean;
}

/** A mentee of the read model (the defaults of search, cohort matching). */
export interface MenteeProfileRow {
  userId: string;
  displayName: string;
  industryCode: string | null;
  occupationCode: string | null;
  skills: string[];
  languages: string[];
  city: string | null;
  country: string | null;
  timeZone: string | null;
  meetingPreferences: string[];
  livedExperience: string[];
  needs: string[];
  goals: string[];
  employer: string | null;
  organizationId: string | null;
  /** The version of the snapshot kept (identity's `MenteeProfile.version`). */
  changedAt: Date;
}

/** The columns of a {@link MentorProfileRow} of `mentor_profile` under the alias `t`. */
export const mentorColumns = (t = 'mentor_profile') =>
  columns(t, [
    'user_id',
    'display_name',
    'status',
    'headline',
    'industry_code',
    'industry_label',
    'occupation_code',
    'occupation_label',
    'years_experience',
    'skills',
    'languages',
    'city',
    'country',
    'time_zone',
    'meeting_preferences',
    'hours_per_month',
    'capacity',
    'lived_experience',
    'employer',
    'paused_until',
    'organization_id',
    'has_capacity',
  ]);

/** The columns of a {@link MenteeProfileRow} of `mentee_profile` under the alias `t`. */
export const menteeColumns = (t = 'mentee_profile') =>
  columns(t, [
    'user_id',
    'display_name',
    'industry_code',
    'occupation_code',
    'skills',
    'languages',
    'city',
    'country',
    'time_zone',
    'meeting_preferences',
    'lived_experience',
    'needs',
    'goals',
    'employer',
    'organization_id',
    'changed_at',
  ]);

type Payload<N extends keyof EventPayloads> = EventPayloads[N];

/**
 * Matching's copies of identity's profiles, programmes (with cohorts) and enrolments, written only from their
 * events. Each write is a snapshot applied when newer, so a late or repeated event changes nothing.
 */
export class ReadModelRepository {
  /** Applies a mentor profile snapshot; true when it was newer than the one kept (the load then needs a refresh). */
  async upsertMentor(tx: Tx, p: Payload<'MentorProfileChanged'>): Promise<boolean> {
    if (await this.erased(tx, p.userId)) return false;
    const changed = await tx.query(
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
      [
        p.userId,
        p.displayName,
        p.status,
        p.headline,
        p.industry?.code ?? null,
        p.industry?.label ?? null,
        family(p.industry?.code),
        p.occupation?.code ?? null,
        p.occupation?.label ?? null,
        family(p.occupation?.code),
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
      ],
    );
    return changed.length > 0;
  }

  async upsertMentee(tx: Tx, p: Payload<'MenteeProfileChanged'>): Promise<void> {
    if (await this.erased(tx, p.userId)) return;
    await tx.execute(
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
  }

  /** Applies a programme snapshot with its cohorts (the cohorts only when the programme itself was newer). */
  async upsertProgramme(tx: Tx, p: Payload<'ProgrammeChanged'>): Promise<void> {
    const updated = await tx.query(
      `INSERT INTO programme (id, name, organization_ids, max_open_requests_per_mentee, request_expiry_days, matching_weights, changed_at,
         require_orientation, require_mentee_orientation, request_expiry_reminder_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, organization_ids = EXCLUDED.organization_ids,
         max_open_requests_per_mentee = EXCLUDED.max_open_requests_per_mentee, request_expiry_days = EXCLUDED.request_expiry_days,
         matching_weights = EXCLUDED.matching_weights, changed_at = EXCLUDED.changed_at,
         require_orientation = EXCLUDED.require_orientation, require_mentee_orientation = EXCLUDED.require_mentee_orientation,
         request_expiry_reminder_days = EXCLUDED.request_expiry_reminder_days
       WHERE programme.changed_at <= EXCLUDED.changed_at RETURNING id`,
      [
        p.programmeId,
        p.name,
        p.organizationIds ?? [],
        p.maxOpenRequestsPerMentee || 3,
        p.requestExpiryDays || 14,
        JSON.stringify(p.matchingWeights ?? {}),
        p.changedAt,
        p.requireOrientation ?? false,
        p.requireMenteeOrientation ?? false,
        // older events carry no lead (or no nudges at all): the default
        withNudgeDefaults(p.nudges).requestExpiryReminderDays,
      ],
    );
    if (!updated.length) return;
    for (const c of p.cohorts ?? []) {
      await tx.execute(
        `INSERT INTO cohort (id, programme_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET programme_id = EXCLUDED.programme_id, name = EXCLUDED.name, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on`,
        [c.cohortId, p.programmeId, c.name, c.startsOn, c.endsOn],
      );
    }
  }

  async upsertEnrolment(tx: Tx, p: Payload<'ProgrammeEnrolled'>): Promise<void> {
    await tx.execute(
      `INSERT INTO enrolment (user_id, programme_id, role, cohort_id, organization_id, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, programme_id, role) DO UPDATE SET cohort_id = EXCLUDED.cohort_id, organization_id = EXCLUDED.organization_id,
         enrolled_at = EXCLUDED.enrolled_at WHERE enrolment.enrolled_at <= EXCLUDED.enrolled_at`,
      [p.userId, p.programmeId, p.role, p.cohortId, p.organizationId, p.enrolledAt],
    );
  }

  /** Someone attended an orientation session of a programme (the first attendance is kept; a repeat changes nothing). */
  async orientationAttended(tx: Tx, p: Payload<'OrientationAttended'>): Promise<void> {
    if (await this.erased(tx, p.userId)) return; // an attendance arriving after the erasure
    await tx.execute(
      `INSERT INTO orientation_attended (user_id, programme_id, attended_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, programme_id) DO UPDATE SET attended_at = LEAST(orientation_attended.attended_at, EXCLUDED.attended_at)`,
      [p.userId, p.programmeId, p.attendedAt],
    );
  }

  /**
   * Applies a programme's required training modules (a snapshot): the whole list replaced when newer than the one
   * kept, so a late or repeated event changes nothing.
   */
  async trainingRequirements(tx: Tx, p: Payload<'TrainingRequirementsChanged'>): Promise<void> {
    const newer = await tx.query(
      `INSERT INTO training_requirements (programme_id, changed_at) VALUES ($1, $2)
       ON CONFLICT (programme_id) DO UPDATE SET changed_at = EXCLUDED.changed_at
       WHERE training_requirements.changed_at < EXCLUDED.changed_at RETURNING programme_id`,
      [p.programmeId, p.changedAt],
    );
    if (!newer.length) return;
    await tx.execute(`DELETE FROM training_requirement WHERE programme_id = $1`, [p.programmeId]);
    for (const m of p.modules) {
      await tx.execute(
        `INSERT INTO training_requirement (programme_id, module_id, title, gate, audience) VALUES ($1, $2, $3, $4, $5)`,
        [p.programmeId, m.moduleId, m.title, m.gate, m.audience],
      );
    }
  }

  /** Someone completed a training module (kept whatever the requirements say, which may arrive later). */
  async trainingCompleted(tx: Tx, p: Payload<'TrainingCompleted'>): Promise<void> {
    if (await this.erased(tx, p.userId)) return; // a completion arriving after the erasure
    await tx.execute(
      `INSERT INTO training_completed (user_id, module_id, programme_id, completed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, module_id) DO NOTHING`,
      [p.userId, p.moduleId, p.programmeId, p.completedAt],
    );
  }

  /** An erased person leaves search and cohort matching, for good: a snapshot arriving later is ignored. */
  async forgetProfiles(tx: Tx, userId: string): Promise<void> {
    await this.lockPerson(tx, userId);
    await tx.execute(`INSERT INTO erased_user (user_id) VALUES ($1) ON CONFLICT DO NOTHING`, [userId]);
    await tx.execute(`DELETE FROM mentor_profile WHERE user_id = $1`, [userId]);
    await tx.execute(`DELETE FROM mentee_profile WHERE user_id = $1`, [userId]);
    await tx.execute(`DELETE FROM orientation_attended WHERE user_id = $1`, [userId]);
    await tx.execute(`DELETE FROM training_completed WHERE user_id = $1`, [userId]);
  }

  /** True when the person was erased; under the person's lock, so an erasure applied at once is seen. */
  private async erased(tx: Tx, userId: string): Promise<boolean> {
    await this.lockPerson(tx, userId);
    return !!(await tx.one(`SELECT 1 FROM erased_user WHERE user_id = $1`, [userId]));
  }

  private async lockPerson(tx: Tx, userId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('profile:' || $1::text, 0))`, [userId]);
  }
}
