/**
 * Mentor training in matching's read model (issue 19): a mentor enrolled in a programme with an outstanding
 * BEFORE_VISIBLE module is not in search; the requirements are a per-programme snapshot (an older one arriving late
 * changes nothing) and a completion counts whether it arrives before or after the requirement it satisfies.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import type { EventPayloads } from '@tandem/contracts';
import { matching } from '../src/service';
import { given, mentorProfile, programme, tick } from './fixtures';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), [matching]);
  stack = await startStack({ databaseUrl: database.url, services: [matching] });
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

const INDUSTRY = { code: '990002', label: 'Training test industry' };

async function found(): Promise<string[]> {
  const res = await stack.gql<{ searchMentors: { edges: Array<{ node: { mentor: { id: string } } }> } }>(
    `{ searchMentors(criteria: { industryCode: "${INDUSTRY.code}" }, exact: [INDUSTRY], first: 50) { edges { node { mentor { id } } } } }`,
    {},
    { as: principal('MENTEE') },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.searchMentors.edges.map((e) => e.node.mentor.id);
}

const requirements = (
  programmeId: string,
  modules: EventPayloads['TrainingRequirementsChanged']['modules'],
  changedAt = tick(),
): ['TrainingRequirementsChanged', EventPayloads['TrainingRequirementsChanged']] => [
  'TrainingRequirementsChanged',
  { programmeId, modules, changedAt },
];

describe('training in the read model', () => {
  it('should hide an enrolled mentor until they complete a BEFORE_VISIBLE module, whatever the order of events', async () => {
    const p = programme();
    const [early, late, other] = [
      mentorProfile({ industry: INDUSTRY }),
      mentorProfile({ industry: INDUSTRY }),
      mentorProfile({ industry: INDUSTRY }),
    ];
    const moduleId = randomUUID();
    const enrol = (userId: string) =>
      [
        'ProgrammeEnrolled',
        {
          userId,
          programmeId: p.programmeId,
          cohortId: null,
          role: 'MENTOR',
          organizationId: null,
          enrolledAt: tick(),
        },
      ] as ['ProgrammeEnrolled', EventPayloads['ProgrammeEnrolled']];
    const completed = (userId: string) =>
      [
        'TrainingCompleted',
        { userId, programmeId: p.programmeId, moduleId, completedAt: tick(), recordedBy: userId },
      ] as ['TrainingCompleted', EventPayloads['TrainingCompleted']];
    const older = tick();
    // `early` completed before matching learnt of the requirement
    await given(
      stack,
      ['ProgrammeChanged', p],
      ['MentorProfileChanged', early],
      ['MentorProfileChanged', late],
      ['MentorProfileChanged', other],
      enrol(early.userId),
      enrol(late.userId),
      completed(early.userId),
    );
    expect(await found()).toEqual(expect.arrayContaining([early.userId, late.userId, other.userId]));

    await given(
      stack,
      requirements(p.programmeId, [{ moduleId, title: 'Essentials', gate: 'BEFORE_VISIBLE', audience: 'MENTOR' }]),
    );
    const hiding = await found();
    expect(hiding).toEqual(expect.arrayContaining([early.userId, other.userId]));
    expect(hiding).not.toContain(late.userId);

    // an older snapshot (no requirement) arriving late changes nothing
    await given(stack, requirements(p.programmeId, [], older));
    expect(await found()).not.toContain(late.userId);

    await given(stack, completed(late.userId), completed(late.userId));
    expect(await found()).toContain(late.userId);
  });

  it('should not hide a mentor for a BEFORE_START module, nor for a module meant for mentees', async () => {
    const p = programme();
    const m = mentorProfile({ industry: INDUSTRY });
    await given(
      stack,
      ['ProgrammeChanged', p],
      ['MentorProfileChanged', m],
      [
        'ProgrammeEnrolled',
        {
          userId: m.userId,
          programmeId: p.programmeId,
          cohortId: null,
          role: 'MENTOR',
          organizationId: null,
          enrolledAt: tick(),
        },
      ],
      requirements(p.programmeId, [
        { moduleId: randomUUID(), title: 'Safeguarding', gate: 'BEFORE_START', audience: 'BOTH' },
        { moduleId: randomUUID(), title: 'Being mentored', gate: 'BEFORE_VISIBLE', audience: 'MENTEE' },
      ]),
    );
    expect(await found()).toContain(m.userId);
  });
});
