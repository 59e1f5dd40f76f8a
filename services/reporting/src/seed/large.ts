/**
 * reporting's part of `npm run seed:large`: its read models (people, organisations, programmes, industries,
 * enrolments, matches, relationships, meetings, achieved goals) bulk loaded with COPY from the shared
 * platform, then, in SQL inside reporting's own schema, the CPD ledger (one entry per participant per
 * confirmed meeting, numbered per person) and the daily rollups the consumers keep. Ledger hashes are
 * per-entry SHA-256, not chained (the benchmark reads; chaining is exercised by the service's tests).
 */
import { copyInto, INDUSTRIES, type SeedStep, type SyntheticPlatform } from '@tandem/synthetic';

const TABLES = [
  'stats_feedback_daily',
  'stats_programme_daily',
  'stats_daily',
  'audit_verification',
  'audit_selection',
  'audit_population',
  'audit',
  'cpd_entry',
  'feedback',
  'goal_achieved',
  'meeting',
  'relationship',
  'match',
  'mentoring_request',
  'mentor_review',
  'enrolment',
  'cohort',
  'programme',
  'organization',
  'industry',
  'person',
];
const NIL = '00000000-0000-0000-0000-000000000000';

export function reportingLargeSeed(p: SyntheticPlatform): SeedStep[] {
  const { mentors, mentees, relationships, meetings, organizations, programmes } = p.size;
  return [
    {
      name: 'reporting: people, programmes, enrolments',
      total: mentors + mentees,
      async run(c, tick) {
        await c.query(`SET search_path = reporting, public`);
        // the ledger refuses TRUNCATE by trigger (append-only): a large seed replaces the whole data set
        await c.query(`ALTER TABLE cpd_entry DISABLE TRIGGER USER`);
        await c.query(`TRUNCATE ${TABLES.join(', ')} CASCADE`);
        await c.query(`ALTER TABLE cpd_entry ENABLE TRIGGER USER`);
        await copyInto(c, 'industry', ['code', 'label'], INDUSTRIES.length, (i) => [...INDUSTRIES[i]]);
        await copyInto(c, 'organization', ['id', 'name', 'city', 'country', 'changed_at'], organizations, (i) => {
          const o = p.organization(i);
          return [o.id, o.name, o.city, o.country, new Date(0)];
        });
        await copyInto(
          c,
          'programme',
          [
            'id',
            'name',
            'organization_ids',
            'target_hours',
            'duration_weeks',
            'min_meetings',
            'hours_or_meetings',
            'cpd_category',
            'changed_at',
          ],
          programmes,
          (i) => {
            const g = p.programme(i);
            return [
              g.id,
              g.name,
              g.organizationIds,
              g.targetHours,
              g.durationWeeks,
              g.minMeetings,
              g.hoursOrMeetings,
              g.cpdCategory,
              new Date(0),
            ];
          },
        );
        const person = (kind: 'mentor' | 'mentee') => (i: number) => {
          const m = kind === 'mentor' ? p.mentor(i) : p.mentee(i);
          return [
            m.id,
            m.displayName,
            m.email,
            [kind.toUpperCase()],
            m.organizationId,
            m.registeredAt,
            m.industry[0],
            kind === 'mentor' ? 'APPROVED' : null,
            m.registeredAt,
          ];
        };
        const cols = [
          'user_id',
          'display_name',
          'email',
          'roles',
          'organization_id',
          'registered_at',
          'industry_code',
          'mentor_status',
          'changed_at',
        ];
        await copyInto(c, 'person', cols, mentors, person('mentor'), (n) => tick(n / 2));
        await copyInto(c, 'person', cols, mentees, person('mentee'), (n) => tick(mentors / 2 + n / 2));
        const enrol = (kind: 'mentor' | 'mentee') => (i: number) => {
          const m = kind === 'mentor' ? p.mentor(i) : p.mentee(i);
          return [m.id, m.programmeId, kind.toUpperCase(), m.organizationId, m.registeredAt];
        };
        await copyInto(
          c,
          'enrolment',
          ['user_id', 'programme_id', 'role', 'organization_id', 'enrolled_at'],
          mentors,
          enrol('mentor'),
          (n) => tick(mentors + n / 2 - mentors / 2),
        );
        await copyInto(
          c,
          'enrolment',
          ['user_id', 'programme_id', 'role', 'organization_id', 'enrolled_at'],
          mentees,
          enrol('mentee'),
          (n) => tick(mentors + n / 2),
        );
        await copyInto(c, 'mentor_review', ['user_id', 'decision', 'reviewed_at'], mentors, (i) => [
          p.id('mentor', i),
          'APPROVED',
          p.mentor(i).registeredAt,
        ]);
      },
    },
    {
      name: 'reporting: matches, relationships, achieved goals',
      total: relationships,
      async run(c, tick) {
        await copyInto(
          c,
          'match',
          [
            'id',
            'mentee_id',
            'mentor_id',
            'programme_id',
            'organization_id',
            'industry_code',
            'source',
            'confirmed_at',
            'confirmed_on',
            'mentee_enrolled_at',
            'days_to_match',
          ],
          relationships,
          (i) => {
            const r = p.relationship(i);
            return [
              r.matchId,
              r.menteeId,
              r.mentorId,
              r.programmeId,
              r.organizationId,
              r.industryCode,
              'REQUEST',
              r.confirmedAt,
              r.confirmedAt.toISOString().slice(0, 10),
              r.menteeEnrolledAt,
              Math.round(((r.confirmedAt.getTime() - r.menteeEnrolledAt.getTime()) / 86_400_000) * 1000) / 1000,
            ];
          },
          (n) => tick(n / 3),
        );
        await copyInto(
          c,
          'relationship',
          [
            'id',
            'mentee_id',
            'mentor_id',
            'programme_id',
            'organization_id',
            'industry_code',
            'status',
            'started_on',
            'ended_on',
            'confirmed_hours',
            'confirmed_meetings',
            'met_terms',
          ],
          relationships,
          (i) => {
            const r = p.relationship(i);
            return [
              r.id,
              r.menteeId,
              r.mentorId,
              r.programmeId,
              r.organizationId,
              r.industryCode,
              r.status,
              r.startedOn,
              r.endedOn,
              0,
              0,
              false,
            ];
          },
          (n) => tick(relationships / 3 + n / 3),
        );
        await copyInto(
          c,
          'goal_achieved',
          ['goal_id', 'relationship_id', 'achieved_at'],
          relationships,
          (i) => {
            const r = p.relationship(i);
            return r.status === 'COMPLETED' && i % 3 !== 0
              ? [r.goalId, r.id, new Date(`${r.endedOn}T10:00:00Z`)]
              : null;
          },
          (n) => tick((2 * relationships) / 3 + n / 3),
        );
      },
    },
    {
      name: 'reporting: meetings',
      total: meetings,
      async run(c, tick) {
        await copyInto(
          c,
          'meeting',
          [
            'id',
            'relationship_id',
            'mentee_id',
            'mentor_id',
            'programme_id',
            'status',
            'revision',
            'occurred_on',
            'start_time',
            'duration_minutes',
            'mode',
            'topics',
            'confirmed_by_mentor_at',
            'confirmed_by_mentee_at',
          ],
          meetings,
          (i) => {
            const m = p.meeting(i);
            const r = m.relationship;
            return [
              m.id,
              r.id,
              r.menteeId,
              r.mentorId,
              r.programmeId,
              'CONFIRMED',
              1,
              m.occurredOn,
              m.startTime,
              m.durationMinutes,
              m.mode,
              m.topics,
              m.confirmedAt,
              m.confirmedAt,
            ];
          },
          tick,
        );
      },
    },
    {
      name: 'reporting: CPD ledger and rollups (SQL)',
      total: 4,
      async run(c, tick) {
        await c.query(`SET synchronous_commit = off`);
        await c.query(`ALTER TABLE cpd_entry DISABLE TRIGGER USER`);
        await c.query(`INSERT INTO cpd_entry (id, user_id, hours, occurred_on, seq, kind, role, relationship_id, programme_id, counterpart_id, cpd_category, meeting_id, revision,
               start_time, duration_minutes, topics, confirmed_by_mentor_at, confirmed_by_mentee_at, recorded_at, prev_hash, hash)
             SELECT md5(m.id::text || x.role)::uuid, x.user_id, round(m.duration_minutes / 60.0, 2), m.occurred_on,
                    row_number() OVER (PARTITION BY x.user_id ORDER BY m.occurred_on, m.id), 'MEETING', x.role, m.relationship_id, m.programme_id, x.counterpart_id,
                    'Peer and professional interaction', m.id, 1, m.start_time, m.duration_minutes, m.topics, m.confirmed_by_mentor_at, m.confirmed_by_mentee_at, m.confirmed_by_mentee_at,
                    repeat('0', 64), encode(sha256((m.id::text || x.role)::bytea), 'hex')
             FROM meeting m CROSS JOIN LATERAL (VALUES (m.mentor_id, 'MENTOR', m.mentee_id), (m.mentee_id, 'MENTEE', m.mentor_id)) AS x(user_id, role, counterpart_id)`);
        await c.query(`ALTER TABLE cpd_entry ENABLE TRIGGER USER`);
        tick(1);
        await c.query(`UPDATE relationship r SET confirmed_hours = s.hours, confirmed_meetings = s.n,
               met_terms = CASE WHEN g.hours_or_meetings THEN s.hours >= g.target_hours OR s.n >= g.min_meetings ELSE s.hours >= g.target_hours AND s.n >= g.min_meetings END
             FROM (SELECT relationship_id, round(sum(duration_minutes) / 60.0, 2) AS hours, count(*)::int AS n FROM meeting GROUP BY relationship_id) s, programme g
             WHERE s.relationship_id = r.id AND g.id = r.programme_id`);
        tick(2);
        const dims = (t: string) =>
          `${t}.programme_id, ${t}.organization_id, '${NIL}'::uuid AS cohort_id, coalesce(${t}.industry_code, '') AS industry_code`;
        const enrolDims = `e.programme_id, e.organization_id, '${NIL}'::uuid AS cohort_id, coalesce(p.industry_code, '') AS industry_code`;
        await c.query(`DROP TABLE IF EXISTS seed_facts`);
        await c.query(`CREATE TEMP TABLE seed_facts AS
          SELECT p.registered_at::date AS day, ${enrolDims}, 'registrations' AS c, 1::numeric AS v FROM enrolment e JOIN person p ON p.user_id = e.user_id
          UNION ALL SELECT e.enrolled_at::date, ${enrolDims}, CASE WHEN e.role = 'MENTOR' THEN 'mentors_enrolled' ELSE 'mentees_enrolled' END, 1 FROM enrolment e JOIN person p ON p.user_id = e.user_id
          UNION ALL SELECT e.enrolled_at::date, ${enrolDims}, 'mentor_approvals', 1 FROM enrolment e JOIN person p ON p.user_id = e.user_id WHERE e.role = 'MENTOR'
          UNION ALL SELECT x.confirmed_on, ${dims('x')}, unnest(ARRAY['matches', 'requests_sent', 'requests_accepted']), 1 FROM match x
          UNION ALL SELECT * FROM (SELECT DISTINCT ON (x.mentee_id) x.confirmed_on, ${dims('x')}, 'mentees_matched', 1 FROM match x ORDER BY x.mentee_id, x.confirmed_on) first_match
          UNION ALL SELECT r.started_on, ${dims('r')}, 'relationships_started', 1 FROM relationship r
          UNION ALL SELECT r.ended_on, ${dims('r')}, CASE WHEN r.status = 'COMPLETED' THEN 'relationships_completed' ELSE 'relationships_withdrawn' END, 1 FROM relationship r WHERE r.status <> 'ACTIVE'
          UNION ALL SELECT r.ended_on, ${dims('r')}, 'relationships_met_terms', 1 FROM relationship r WHERE r.status = 'COMPLETED' AND r.met_terms
          UNION ALL SELECT g.achieved_at::date, ${dims('r')}, 'goals_achieved', 1 FROM goal_achieved g JOIN relationship r ON r.id = g.relationship_id
          UNION ALL SELECT m.occurred_on, ${dims('r')}, 'meetings_confirmed', 1 FROM meeting m JOIN relationship r ON r.id = m.relationship_id
          UNION ALL SELECT m.occurred_on, ${dims('r')}, 'hours_confirmed', round(m.duration_minutes / 60.0, 2) FROM meeting m JOIN relationship r ON r.id = m.relationship_id`);
        tick(3);
        const counters = [
          'registrations',
          'mentors_enrolled',
          'mentees_enrolled',
          'mentees_matched',
          'mentor_approvals',
          'requests_sent',
          'requests_accepted',
          'matches',
          'relationships_started',
          'relationships_completed',
          'relationships_withdrawn',
          'relationships_met_terms',
          'meetings_confirmed',
          'hours_confirmed',
          'goals_achieved',
        ];
        await c.query(`INSERT INTO stats_daily (day, programme_id, organization_id, cohort_id, industry_code, ${counters.join(', ')})
             SELECT day, programme_id, coalesce(organization_id, '${NIL}'), cohort_id, industry_code, ${counters.map((k) => `coalesce(sum(v) FILTER (WHERE c = '${k}'), 0)`).join(', ')}
             FROM seed_facts WHERE day IS NOT NULL GROUP BY 1, 2, 3, 4, 5`);
        await c.query(`INSERT INTO stats_programme_daily (programme_id, day, ${counters.join(', ')})
             SELECT programme_id, day, ${counters.map((k) => `sum(${k})`).join(', ')} FROM stats_daily GROUP BY 1, 2`);
        await c.query(`DROP TABLE seed_facts`);
        await c.query(`ANALYZE`);
        tick(4);
      },
    },
  ];
}
