/**
 * identity's part of `npm run seed:large`: organisations, programmes, people (mentors, mentees, one coach per
 * organisation, an analyst), profiles, enrolments and the relationship facts, bulk loaded with COPY into
 * identity's own tables from the shared deterministic platform. Accounts get no password (the benchmark
 * mints tokens with the signing key).
 */
import { copyInto, type SeedStep, type SyntheticPlatform } from '@tandem/synthetic';

const TABLES = [
  'relationship_fact',
  'enrollment',
  'mentee_profile',
  'mentor_profile',
  'notification',
  'refresh_token',
  'profile_access',
  'orientation_attendance',
  'orientation_session',
  'cohort',
  'program_organization',
  'program',
  '"user"',
  'organization',
];

export function identityLargeSeed(p: SyntheticPlatform): SeedStep[] {
  const { mentors, mentees, relationships, organizations, programmes } = p.size;
  const now = new Date(Date.UTC(2026, 10, 1));
  return [
    {
      name: 'identity: organisations, programmes, staff',
      total: organizations + programmes,
      async run(c, tick) {
        await c.query(`SET search_path = identity, public`);
        await c.query(`TRUNCATE ${TABLES.join(', ')} CASCADE`);
        await copyInto(c, 'organization', ['id', 'name', 'city', 'country'], organizations, (i) => {
          const o = p.organization(i);
          return [o.id, o.name, o.city, o.country];
        });
        await copyInto(
          c,
          'program',
          [
            'id',
            'name',
            'target_hours',
            'duration_weeks',
            'min_meetings',
            'hours_or_meetings',
            'cpd_category',
            'require_signed_agreement',
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
              g.cpdCategory,
              g.requireSignedAgreement,
            ];
          },
        );
        await copyInto(c, 'program_organization', ['program_id', 'organization_id'], programmes, (i) => {
          const g = p.programme(i);
          return g.organizationIds.map((o) => [g.id, o]);
        });
        await copyInto(
          c,
          '"user"',
          ['id', 'email', 'display_name', 'roles', 'organization_id', 'created_at'],
          organizations + 1,
          (i) =>
            i < organizations
              ? [p.coachId(i), `coach${i}@synthetic.tandem.test`, `Coach ${i + 1}`, ['COACH'], p.id('org', i), now]
              : [p.id('analyst', 0), 'analyst@synthetic.tandem.test', 'Analyst', ['ANALYST'], null, now],
        );
        tick(organizations + programmes);
      },
    },
    {
      name: 'identity: mentors (users, profiles, enrolments)',
      total: mentors,
      async run(c, tick) {
        await copyInto(
          c,
          '"user"',
          ['id', 'email', 'display_name', 'roles', 'organization_id', 'created_at'],
          mentors,
          (i) => {
            const m = p.mentor(i);
            return [m.id, m.email, m.displayName, ['MENTOR'], m.organizationId, m.registeredAt];
          },
          (n) => tick(n / 3),
        );
        await copyInto(
          c,
          'mentor_profile',
          [
            'user_id',
            'status',
            'capacity',
            'reviewed_at',
            'submitted_at',
            'headline',
            'industry_code',
            'occupation_code',
            'years_experience',
            'skills',
            'languages',
            'city',
            'country',
            'time_zone',
            'meeting_preferences',
            'hours_per_month',
            'lived_experience',
            'employer',
          ],
          mentors,
          (i) => {
            const m = p.mentor(i);
            return [
              m.id,
              'APPROVED',
              m.capacity,
              m.registeredAt,
              m.registeredAt,
              m.headline,
              m.industry[0],
              m.occupation[0],
              m.yearsExperience,
              m.skills,
              m.languages,
              m.city,
              'CA',
              m.timeZone,
              m.meetingPreferences,
              m.hoursPerMonth,
              m.livedExperience,
              m.employer,
            ];
          },
          (n) => tick(mentors / 3 + n / 3),
        );
        await copyInto(
          c,
          'enrollment',
          ['id', 'program_id', 'user_id', 'role', 'enrolled_at'],
          mentors,
          (i) => {
            const m = p.mentor(i);
            return [m.id, m.programmeId, m.id, 'MENTOR', m.registeredAt];
          },
          (n) => tick((2 * mentors) / 3 + n / 3),
        );
      },
    },
    {
      name: 'identity: mentees (users, profiles, enrolments)',
      total: mentees,
      async run(c, tick) {
        await copyInto(
          c,
          '"user"',
          ['id', 'email', 'display_name', 'roles', 'organization_id', 'created_at'],
          mentees,
          (i) => {
            const m = p.mentee(i);
            return [m.id, m.email, m.displayName, ['MENTEE'], m.organizationId, m.registeredAt];
          },
          (n) => tick(n / 3),
        );
        await copyInto(
          c,
          'mentee_profile',
          [
            'user_id',
            'needs',
            'goals',
            'headline',
            'industry_code',
            'occupation_code',
            'years_experience',
            'skills',
            'languages',
            'city',
            'country',
            'time_zone',
            'meeting_preferences',
            'lived_experience',
          ],
          mentees,
          (i) => {
            const m = p.mentee(i);
            return [
              m.id,
              m.needs,
              m.goals,
              m.headline,
              m.industry[0],
              m.occupation[0],
              m.yearsExperience,
              m.skills,
              m.languages,
              m.city,
              'CA',
              m.timeZone,
              m.meetingPreferences,
              m.livedExperience,
            ];
          },
          (n) => tick(mentees / 3 + n / 3),
        );
        await copyInto(
          c,
          'enrollment',
          ['id', 'program_id', 'user_id', 'role', 'enrolled_at'],
          mentees,
          (i) => {
            const m = p.mentee(i);
            return [m.id, m.programmeId, m.id, 'MENTEE', m.registeredAt];
          },
          (n) => tick((2 * mentees) / 3 + n / 3),
        );
      },
    },
    {
      name: 'identity: relationship facts',
      total: relationships,
      async run(c, tick) {
        await copyInto(
          c,
          'relationship_fact',
          ['relationship_id', 'mentee_id', 'mentor_id', 'status'],
          relationships,
          (i) => {
            const r = p.relationship(i);
            return [r.id, r.menteeId, r.mentorId, r.status];
          },
          tick,
        );
        await c.query(`ANALYZE "user", mentor_profile, mentee_profile, enrollment, relationship_fact`);
      },
    },
  ];
}
