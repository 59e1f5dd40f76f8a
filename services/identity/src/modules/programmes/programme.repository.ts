import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';
import type { ProgrammeNudges } from '@tandem/contracts';
import type { Language } from '../language/language';

/** A row of identity.program with the ids of the organisations running it. */
export interface ProgrammeRow {
  id: string;
  name: string;
  description: string | null;
  targetHours: number;
  durationWeeks: number;
  minMeetings: number;
  hoursOrMeetings: boolean;
  /** The longest meeting a relationship of the programme may log, in minutes. */
  maxMeetingMinutes: number;
  cpdCategory: string;
  requireSignedAgreement: boolean;
  requireOrientation: boolean;
  /** Mentees too must attend orientation before a relationship starts (mentors must whenever requireOrientation). */
  requireMenteeOrientation: boolean;
  /** The coach of the relationship's organisation signs the agreement too. */
  requireCoachSignature: boolean;
  /** How many days before a relationship's start its pair may record meetings already held. */
  priorMeetingDays: number;
  /** What the platform writes in to someone who has not chosen a language (an invited person). */
  defaultLanguage: Language;
  /** IANA zone the programme's dates are stated in. */
  timeZone: string;
  maxOpenRequestsPerMentee: number;
  requestExpiryDays: number;
  matchingWeights: Record<string, number>;
  /** The nudge cadence: days before each nudge (null: off) and the switches of the others. */
  nudges: ProgrammeNudges;
  organizationIds: string[];
  createdAt: Date;
  /** the name: the list's order (ICU root collation), and the first half of its cursor. */
  sortName: string;
}

/** What a programme is saved with. */
export type ProgrammeFields = Omit<ProgrammeRow, 'createdAt' | 'sortName'>;

/** A row of identity.cohort (dates as ISO days). */
export interface CohortRow {
  id: string;
  programmeId: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

const PROGRAMME = `SELECT p.id, p.name, p.description, p.target_hours::float8 AS "targetHours", p.duration_weeks AS "durationWeeks", p.min_meetings AS "minMeetings", p.max_meeting_minutes AS "maxMeetingMinutes",
  p.hours_or_meetings AS "hoursOrMeetings", p.cpd_category AS "cpdCategory", p.require_signed_agreement AS "requireSignedAgreement",
  p.require_orientation AS "requireOrientation", p.require_mentee_orientation AS "requireMenteeOrientation", p.require_coach_signature AS "requireCoachSignature", p.prior_meeting_days AS "priorMeetingDays", p.default_language AS "defaultLanguage", p.time_zone AS "timeZone", p.max_open_requests_per_mentee AS "maxOpenRequestsPerMentee", p.request_expiry_days AS "requestExpiryDays",
  p.matching_weights AS "matchingWeights",
  json_build_object('noMeetingDays', p.nudge_no_meeting_days, 'awaitingConfirmationDays', p.nudge_awaiting_confirmation_days,
    'checkInDue', p.nudge_check_in_due, 'checkInEveryDays', p.nudge_check_in_every_days, 'hoursReached', p.nudge_hours_reached,
    'requestExpiryReminderDays', p.nudge_request_expiry_reminder_days) AS nudges, p.created_at AS "createdAt", p.name AS "sortName",
  coalesce((SELECT array_agg(po.organization_id ORDER BY po.organization_id) FROM program_organization po WHERE po.program_id = p.id), '{}') AS "organizationIds"
  FROM program p`;
const COHORT = `SELECT id, program_id AS "programmeId", name, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn" FROM cohort`;

/** Programmes with their terms, rules and partner organisations, and their cohorts (identity.program, program_organization, cohort). */
export class ProgrammeRepository {
  constructor(private readonly db: Database) {}

  byIds(ids: readonly string[], on: Queryable = this.db): Promise<ProgrammeRow[]> {
    return on.query<ProgrammeRow>(`${PROGRAMME} WHERE p.id = ANY($1::uuid[])`, [[...ids]]);
  }

  /** Every programme, by name. */
  all(): Promise<ProgrammeRow[]> {
    return this.db.query<ProgrammeRow>(`${PROGRAMME} ORDER BY p.name COLLATE "und-x-icu", p.id`);
  }

  /** By name: `limit` rows after the cursor `[name, id]`. */
  page(after: [string, string] | null, limit: number): Promise<ProgrammeRow[]> {
    return this.db.query<ProgrammeRow>(
      `${PROGRAMME} WHERE ($1::text IS NULL OR (p.name COLLATE "und-x-icu", p.id) > ($1, $2::uuid)) ORDER BY p.name COLLATE "und-x-icu", p.id LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  /** The programme's nudges, in the caller's transaction (the defaults for a programme unknown here). */
  async nudgesOf(tx: Tx, id: string): Promise<ProgrammeNudges | null> {
    return (await this.byIds([id], tx))[0]?.nudges ?? null;
  }

  async count(): Promise<number> {
    return (await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM program`))!.n;
  }

  /** The programme, locked for the rest of the transaction (changes to one programme and its cohorts queue). */
  async lock(tx: Tx, id: string): Promise<ProgrammeRow | null> {
    await tx.query(`SELECT 1 FROM program WHERE id = $1 FOR UPDATE`, [id]);
    return (await this.byIds([id], tx))[0] ?? null;
  }

  async save(tx: Tx, p: ProgrammeFields): Promise<void> {
    await tx.execute(
      `INSERT INTO program (id, name, description, target_hours, duration_weeks, min_meetings, hours_or_meetings, cpd_category, require_signed_agreement,
         require_orientation, max_open_requests_per_mentee, request_expiry_days, matching_weights, max_meeting_minutes, require_mentee_orientation, default_language, time_zone, require_coach_signature,
         nudge_no_meeting_days, nudge_awaiting_confirmation_days, nudge_check_in_due, nudge_hours_reached, nudge_check_in_every_days, prior_meeting_days,
         nudge_request_expiry_reminder_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, target_hours = EXCLUDED.target_hours,
         duration_weeks = EXCLUDED.duration_weeks, min_meetings = EXCLUDED.min_meetings, hours_or_meetings = EXCLUDED.hours_or_meetings,
         cpd_category = EXCLUDED.cpd_category, require_signed_agreement = EXCLUDED.require_signed_agreement, require_orientation = EXCLUDED.require_orientation,
         max_open_requests_per_mentee = EXCLUDED.max_open_requests_per_mentee, request_expiry_days = EXCLUDED.request_expiry_days,
         matching_weights = EXCLUDED.matching_weights, max_meeting_minutes = EXCLUDED.max_meeting_minutes,
         require_mentee_orientation = EXCLUDED.require_mentee_orientation, default_language = EXCLUDED.default_language,
         time_zone = EXCLUDED.time_zone, require_coach_signature = EXCLUDED.require_coach_signature,
         nudge_no_meeting_days = EXCLUDED.nudge_no_meeting_days, nudge_awaiting_confirmation_days = EXCLUDED.nudge_awaiting_confirmation_days,
         nudge_check_in_due = EXCLUDED.nudge_check_in_due, nudge_hours_reached = EXCLUDED.nudge_hours_reached,
         nudge_check_in_every_days = EXCLUDED.nudge_check_in_every_days, prior_meeting_days = EXCLUDED.prior_meeting_days,
         nudge_request_expiry_reminder_days = EXCLUDED.nudge_request_expiry_reminder_days, updated_at = now()`,
      [
        p.id,
        p.name,
        p.description,
        p.targetHours,
        p.durationWeeks,
        p.minMeetings,
        p.hoursOrMeetings,
        p.cpdCategory,
        p.requireSignedAgreement,
        p.requireOrientation,
        p.maxOpenRequestsPerMentee,
        p.requestExpiryDays,
        JSON.stringify(p.matchingWeights),
        p.maxMeetingMinutes,
        p.requireMenteeOrientation,
        p.defaultLanguage,
        p.timeZone,
        p.requireCoachSignature,
        p.nudges.noMeetingDays,
        p.nudges.awaitingConfirmationDays,
        p.nudges.checkInDue,
        p.nudges.hoursReached,
        p.nudges.checkInEveryDays,
        p.priorMeetingDays,
        p.nudges.requestExpiryReminderDays,
      ],
    );
    await tx.execute(
      `DELETE FROM program_organization WHERE program_id = $1 AND NOT (organization_id = ANY($2::uuid[]))`,
      [p.id, p.organizationIds],
    );
    await tx.execute(
      `INSERT INTO program_organization (program_id, organization_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [p.id, p.organizationIds],
    );
  }

  /** The cohorts of these programmes, by start date. */
  cohortsOf(programmeIds: readonly string[], on: Queryable = this.db): Promise<CohortRow[]> {
    return on.query<CohortRow>(`${COHORT} WHERE program_id = ANY($1::uuid[]) ORDER BY starts_on, name`, [
      [...programmeIds],
    ]);
  }

  cohortsByIds(ids: readonly string[], on: Queryable = this.db): Promise<CohortRow[]> {
    return on.query<CohortRow>(`${COHORT} WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }

  async saveCohort(tx: Tx, c: CohortRow): Promise<void> {
    await tx.execute(
      `INSERT INTO cohort (id, program_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on`,
      [c.id, c.programmeId, c.name, c.startsOn, c.endsOn],
    );
  }
}
