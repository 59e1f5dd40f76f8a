import type { EventPayloads } from '@tandem/contracts';
import type { Tx } from '@tandem/subgraph-kit';

/** The zone of a programme whose ProgrammeChanged predates zones (the contract's default). */
export const PROGRAMME_DEFAULT_TIME_ZONE = 'America/Toronto';

/** The programme read model (terms and cohorts) kept from identity's ProgrammeChanged; read and written in the consumer's and the caller's transaction. */
export class ProgrammeRepository {
  /** Upserts unless a newer change was already applied (events may arrive out of order); true when applied. */
  async upsert(tx: Tx, p: EventPayloads['ProgrammeChanged']): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO programme (id, name, target_hours, duration_weeks, min_meetings, hours_or_meetings, require_signed_agreement, organization_ids, cohorts, changed_at, max_meeting_minutes, require_coach_signature, nudges, time_zone, prior_meeting_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9::jsonb, $10, $11, $12, $13::jsonb, $14, $15)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, target_hours = EXCLUDED.target_hours, duration_weeks = EXCLUDED.duration_weeks,
         min_meetings = EXCLUDED.min_meetings, hours_or_meetings = EXCLUDED.hours_or_meetings, require_signed_agreement = EXCLUDED.require_signed_agreement,
         organization_ids = EXCLUDED.organization_ids, cohorts = EXCLUDED.cohorts, changed_at = EXCLUDED.changed_at,
         max_meeting_minutes = EXCLUDED.max_meeting_minutes, require_coach_signature = EXCLUDED.require_coach_signature,
         nudges = EXCLUDED.nudges, time_zone = EXCLUDED.time_zone,
         prior_meeting_days = EXCLUDED.prior_meeting_days
       WHERE programme.changed_at <= EXCLUDED.changed_at
       RETURNING id`,
      [
        p.programmeId,
        p.name,
        p.terms.targetHours,
        p.terms.durationWeeks,
        p.terms.minMeetings,
        p.terms.hoursOrMeetings,
        p.requireSignedAgreement,
        p.organizationIds,
        JSON.stringify(p.cohorts),
        p.changedAt,
        // older events do not carry it: the default (240) applies
        p.terms.maxMeetingMinutes ?? null,
        p.requireCoachSignature ?? false,
        // older events do not carry it: null, the defaults apply
        p.nudges ? JSON.stringify(p.nudges) : null,
        p.timeZone ?? PROGRAMME_DEFAULT_TIME_ZONE,
        // older events do not carry it: no meeting before the start
        p.priorMeetingDays ?? 0,
      ],
    );
    return rows.length > 0;
  }

  /** Whether the programme has its coach sign the agreement too (false while the programme is not known here yet). */
  async requiresCoachSignature(tx: Tx, programmeId: string): Promise<boolean> {
    const row = await tx.one<{ required: boolean }>(
      `SELECT require_coach_signature AS required FROM programme WHERE id = $1`,
      [programmeId],
    );
    return row?.required ?? false;
  }

  /** The programme's time zone, or null while the programme is not known here yet. */
  async timeZone(tx: Tx, programmeId: string): Promise<string | null> {
    const row = await tx.one<{ timeZone: string }>(`SELECT time_zone AS "timeZone" FROM programme WHERE id = $1`, [
      programmeId,
    ]);
    return row?.timeZone ?? null;
  }

  /** The programme's duration in weeks, or null while it is not known here yet. */
  async durationWeeks(tx: Tx, programmeId: string): Promise<number | null> {
    const row = await tx.one<{ durationWeeks: number }>(
      `SELECT duration_weeks AS "durationWeeks" FROM programme WHERE id = $1`,
      [programmeId],
    );
    return row?.durationWeeks ?? null;
  }
}
