/**
 * relationships' part of `npm run seed:large`: programme terms, relationships (most completed, some
 * withdrawn, the newest active), one SMART goal with two milestones each, and the meetings, all confirmed
 * by both and counting, bulk loaded with COPY into relationships' own tables from the shared platform.
 */
import { copyInto, type SeedStep, type SyntheticPlatform } from '@tandem/synthetic';

const TABLES = [
  'check_in',
  'feedback',
  'message',
  'meeting_note',
  'meeting',
  'milestone',
  'goal_progress',
  'goal',
  'action_plan',
  'agreement_version',
  'agreement',
  'relationship',
  'programme',
];

export function relationshipsLargeSeed(p: SyntheticPlatform): SeedStep[] {
  const { relationships, meetings, programmes } = p.size;
  return [
    {
      name: 'relationships: relationships, goals, milestones',
      total: relationships,
      async run(c, tick) {
        await c.query(`SET search_path = relationships, public`);
        await c.query(`TRUNCATE ${TABLES.join(', ')} CASCADE`);
        await copyInto(
          c,
          'programme',
          [
            'id',
            'name',
            'target_hours',
            'duration_weeks',
            'min_meetings',
            'hours_or_meetings',
            'require_signed_agreement',
            'organization_ids',
            'changed_at',
          ],
          programmes,
          (i) => {
            const g = p.programme(i);
            return [
              g.id,
              g.name,
              g.targetHours,
              g.durationWeeks,
              g.minMeetings,
              g.hoursOrMeetings,
              g.requireSignedAgreement,
              g.organizationIds,
              new Date(0),
            ];
          },
        );
        await copyInto(
          c,
          'relationship',
          [
            'id',
            'mentee_id',
            'mentor_id',
            'status',
            'started_on',
            'match_id',
            'match_source',
            'programme_id',
            'organization_id',
            'planned_end_on',
            'ended_on',
            'withdrawal_reason',
            'closed_at',
            'created_at',
          ],
          relationships,
          (i) => {
            const r = p.relationship(i);
            const planned = new Date(Date.parse(`${r.startedOn}T00:00:00Z`) + 17 * 7 * 86_400_000)
              .toISOString()
              .slice(0, 10);
            return [
              r.id,
              r.menteeId,
              r.mentorId,
              r.status,
              r.startedOn,
              r.matchId,
              'REQUEST',
              r.programmeId,
              r.organizationId,
              planned,
              r.endedOn,
              r.status === 'WITHDRAWN' ? 'Schedules no longer fit' : null,
              r.endedOn ? new Date(`${r.endedOn}T12:00:00Z`) : null,
              r.confirmedAt,
            ];
          },
          (n) => tick(n / 3),
        );
        await copyInto(
          c,
          'goal',
          [
            'id',
            'relationship_id',
            'title',
            'specific',
            'measure',
            'target',
            'attainable',
            'relevant',
            'due_on',
            'status',
            'created_by',
            'created_at',
            'achieved_at',
          ],
          relationships,
          (i) => {
            const r = p.relationship(i);
            const achieved = r.status === 'COMPLETED' && i % 3 !== 0;
            return [
              r.goalId,
              r.id,
              'Find work in my field',
              'Two interviews for roles in my field',
              'interviews',
              '2',
              'My mentor reviews my applications',
              'I am new to the country',
              '2099-12-31',
              achieved ? 'ACHIEVED' : 'OPEN',
              r.menteeId,
              r.confirmedAt,
              achieved ? new Date(`${r.endedOn}T10:00:00Z`) : null,
            ];
          },
          (n) => tick(relationships / 3 + n / 3),
        );
        await copyInto(
          c,
          'milestone',
          ['id', 'goal_id', 'title', 'due_on', 'completed_at', 'created_at'],
          relationships,
          (i) => {
            const r = p.relationship(i);
            return [
              [
                p.id('milestone', 2 * i),
                r.goalId,
                'Update the resume',
                '2099-01-31',
                r.status === 'ACTIVE' ? null : r.confirmedAt,
                r.confirmedAt,
              ],
              [p.id('milestone', 2 * i + 1), r.goalId, 'Practise interviews', '2099-06-30', null, r.confirmedAt],
            ];
          },
          (n) => tick((2 * relationships) / 3 + n / 3),
        );
      },
    },
    {
      name: 'relationships: meetings',
      total: meetings,
      async run(c, tick) {
        await copyInto(
          c,
          'meeting',
          [
            'id',
            'relationship_id',
            'occurred_on',
            'start_time',
            'duration_minutes',
            'mode',
            'topics',
            'status',
            'logged_by',
            'logged_at',
            'mentor_confirmed_at',
            'mentee_confirmed_at',
            'counted_at',
            'time_zone',
            'starts_at',
            'ends_at',
          ],
          meetings,
          (i) => {
            const m = p.meeting(i);
            const r = m.relationship;
            // synthetic meetings are local times in UTC
            const startsAt = new Date(`${m.occurredOn}T${m.startTime}:00Z`);
            return [
              m.id,
              r.id,
              m.occurredOn,
              m.startTime,
              m.durationMinutes,
              m.mode,
              m.topics,
              'CONFIRMED',
              m.loggedByMentee ? r.menteeId : r.mentorId,
              m.confirmedAt,
              m.confirmedAt,
              m.confirmedAt,
              m.confirmedAt,
              'UTC',
              startsAt,
              new Date(startsAt.getTime() + m.durationMinutes * 60_000),
            ];
          },
          tick,
        );
        await c.query(`ANALYZE relationship, goal, milestone, meeting, programme`);
      },
    },
  ];
}
