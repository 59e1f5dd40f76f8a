/**
 * matching's part of `npm run seed:large`: its read models (mentor and mentee profiles, programmes,
 * enrolments, mentor load and relationships) and its own records (an accepted request per relationship,
 * the confirmed matches), bulk loaded with COPY into matching's own tables from the shared deterministic
 * platform; the search vector and capacity flags are then computed as the event handlers compute them.
 */
import { copyInto, type SeedStep, type SyntheticPlatform } from '@tandem/synthetic';

const TABLES = [
  'mentoring_request_message',
  'mentoring_request',
  'confirmed_match',
  'mentor_relationship',
  'mentor_load',
  'enrolment',
  'cohort',
  'programme',
  'mentee_profile',
  'mentor_profile',
];
const family = (code: string) => code.slice(0, 2);

export function matchingLargeSeed(p: SyntheticPlatform): SeedStep[] {
  const { mentors, mentees, relationships, programmes } = p.size;
  return [
    {
      name: 'matching: mentor profiles and load',
      total: mentors,
      async run(c, tick) {
        await c.query(`SET search_path = matching, public`);
        await c.query(`TRUNCATE ${TABLES.join(', ')} CASCADE`);
        await copyInto(c, 'programme', ['id', 'name', 'organization_ids', 'changed_at'], programmes, (i) => {
          const g = p.programme(i);
          return [g.id, g.name, g.organizationIds, new Date(0)];
        });
        await copyInto(
          c,
          'mentor_profile',
          [
            'user_id',
            'display_name',
            'status',
            'headline',
            'industry_code',
            'industry_label',
            'industry_family',
            'occupation_code',
            'occupation_label',
            'occupation_family',
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
            'organization_id',
            'changed_at',
          ],
          mentors,
          (i) => {
            const m = p.mentor(i);
            return [
              m.id,
              m.displayName,
              'APPROVED',
              m.headline,
              m.industry[0],
              m.industry[1],
              family(m.industry[0]),
              m.occupation[0],
              m.occupation[1],
              family(m.occupation[0]),
              m.yearsExperience,
              m.skills,
              m.languages,
              m.city,
              'CA',
              m.timeZone,
              m.meetingPreferences,
              m.hoursPerMonth,
              m.capacity,
              m.livedExperience,
              m.employer,
              m.organizationId,
              m.registeredAt,
            ];
          },
          (n) => tick(n / 2),
        );
        await copyInto(
          c,
          'mentor_load',
          ['user_id', 'capacity'],
          mentors,
          (i) => [p.id('mentor', i), p.mentor(i).capacity],
          (n) => tick(mentors / 2 + n / 2),
        );
        await copyInto(
          c,
          'enrolment',
          ['user_id', 'programme_id', 'role', 'organization_id', 'enrolled_at'],
          mentors,
          (i) => {
            const m = p.mentor(i);
            return [m.id, m.programmeId, 'MENTOR', m.organizationId, m.registeredAt];
          },
        );
      },
    },
    {
      name: 'matching: mentee profiles and enrolments',
      total: mentees,
      async run(c, tick) {
        await copyInto(
          c,
          'mentee_profile',
          [
            'user_id',
            'display_name',
            'industry_code',
            'industry_label',
            'occupation_code',
            'occupation_label',
            'skills',
            'languages',
            'city',
            'country',
            'time_zone',
            'meeting_preferences',
            'lived_experience',
            'needs',
            'goals',
            'organization_id',
            'changed_at',
          ],
          mentees,
          (i) => {
            const m = p.mentee(i);
            return [
              m.id,
              m.displayName,
              m.industry[0],
              m.industry[1],
              m.occupation[0],
              m.occupation[1],
              m.skills,
              m.languages,
              m.city,
              'CA',
              m.timeZone,
              m.meetingPreferences,
              m.livedExperience,
              m.needs,
              m.goals,
              m.organizationId,
              m.registeredAt,
            ];
          },
          (n) => tick(n / 2),
        );
        await copyInto(
          c,
          'enrolment',
          ['user_id', 'programme_id', 'role', 'organization_id', 'enrolled_at'],
          mentees,
          (i) => {
            const m = p.mentee(i);
            return [m.id, m.programmeId, 'MENTEE', m.organizationId, m.registeredAt];
          },
          (n) => tick(mentees / 2 + n / 2),
        );
      },
    },
    {
      name: 'matching: requests, matches, mentor relationships',
      total: relationships,
      async run(c, tick) {
        await copyInto(
          c,
          'mentoring_request',
          [
            'id',
            'mentee_id',
            'mentor_id',
            'programme_id',
            'organization_id',
            'message',
            'status',
            'sent_at',
            'expires_at',
            'responded_at',
            'mentee_enrolled_at',
          ],
          relationships,
          (i) => {
            const r = p.relationship(i);
            const sent = new Date(r.confirmedAt.getTime() - 2 * 86_400_000);
            return [
              r.matchId,
              r.menteeId,
              r.mentorId,
              r.programmeId,
              r.organizationId,
              'I would value your experience in my field.',
              'ACCEPTED',
              sent,
              new Date(sent.getTime() + 14 * 86_400_000),
              r.confirmedAt,
              r.menteeEnrolledAt,
            ];
          },
          (n) => tick(n / 3),
        );
        await copyInto(
          c,
          'confirmed_match',
          ['match_id', 'source', 'mentor_id', 'mentee_id', 'programme_id', 'confirmed_at', 'started'],
          relationships,
          (i) => {
            const r = p.relationship(i);
            return [r.matchId, 'REQUEST', r.mentorId, r.menteeId, r.programmeId, r.confirmedAt, true];
          },
          (n) => tick(relationships / 3 + n / 3),
        );
        await copyInto(
          c,
          'mentor_relationship',
          ['relationship_id', 'mentor_id', 'mentee_id', 'match_id', 'active'],
          relationships,
          (i) => {
            const r = p.relationship(i);
            return [r.id, r.mentorId, r.menteeId, r.matchId, r.status === 'ACTIVE'];
          },
          (n) => tick((2 * relationships) / 3 + n / 3),
        );
      },
    },
    {
      name: 'matching: search vectors, load, capacity flags',
      total: 3,
      async run(c, tick) {
        await c.query(
          `UPDATE mentor_load l SET active_mentees = a.n FROM (SELECT mentor_id, count(*)::int AS n FROM mentor_relationship WHERE active GROUP BY mentor_id) a WHERE a.mentor_id = l.user_id`,
        );
        tick(1);
        await c.query(`UPDATE mentor_profile m SET has_capacity = l.active_mentees + l.pending_matches < l.capacity,
            search_tsv = setweight(to_tsvector('english', coalesce(m.headline, '')), 'A') || setweight(to_tsvector('english', array_to_string(m.skills, ' ')), 'B')
              || setweight(to_tsvector('english', coalesce(m.occupation_label, '') || ' ' || coalesce(m.industry_label, '')), 'C')
          FROM mentor_load l WHERE l.user_id = m.user_id`);
        tick(2);
        await c.query(`VACUUM ANALYZE mentor_profile`);
        await c.query(
          `ANALYZE mentee_profile, mentor_load, mentor_relationship, mentoring_request, confirmed_match, enrolment`,
        );
        tick(3);
      },
    },
  ];
}
