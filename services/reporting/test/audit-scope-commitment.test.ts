/**
 * Audits for one body (issue 21): a cycle scoped to a programme or an organisation, and a selection anyone can
 * check: the cycle publishes sha256(seed), its population and, with the selection, the seed; the selection is
 * recomputed here from those alone, by the recipe in the README, without the service's sampling code.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { reporting } from '../src/service';
import { World } from './fixtures';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let world: World;

beforeAll(async () => {
  // the population of an unscoped cycle is the whole platform: other files' data must not move it
  database = await isolatedDatabase(testDatabaseUrl(), [reporting]);
  stack = await startStack({ databaseUrl: database.url, services: [reporting] });
  world = new World(stack);
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

const auditor = principal('PROGRAMME_ADMIN');

interface Member {
  personId: string;
  programmeId: string | null;
  riskScore: number;
  selected?: boolean;
}
interface PublishedAudit {
  id: string;
  seed: string;
  seedCommitment: string;
  strategy: string;
  sampleRate: number;
  population: number;
  programmeId: string | null;
  organizationId: string | null;
  populationMembers: Member[] | null;
  selections: Array<{ person: { id: string }; claimedHours: number; meetings: Array<{ verifier: { id: string } }> }>;
}
const AUDIT = `id seed seedCommitment strategy sampleRate population programmeId organizationId
  populationMembers { personId programmeId riskScore selected } selections { person { id } claimedHours meetings { verifier { id } } }`;

async function open(input: Record<string, unknown>, as = auditor) {
  const res = await stack.gql<{
    openAuditCycle: { audit: PublishedAudit | null; errors: Array<{ field: string; code: string }> };
  }>(
    `mutation ($i: OpenAuditCycleInput!) { openAuditCycle(input: $i) { audit { ${AUDIT} } errors { field code } } }`,
    { i: { sampleRate: 1, strategy: 'UNIFORM', ...input } },
    { as },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.openAuditCycle;
}

const claimed = (a: PublishedAudit, personId: string) =>
  a.selections.find((s) => s.person.id === personId)?.claimedHours;
const people = (a: PublishedAudit) => a.selections.map((s) => s.person.id).sort();

describe('an audit cycle scoped to a programme or an organisation', () => {
  it('should sample only the people with CPD hours in the scope, counting only their hours there', async () => {
    const bodyA = await world.organization('Body A');
    const bodyB = await world.organization('Body B');
    const a1 = (await world.programme({ organizationId: bodyA })).id;
    const a2 = (await world.programme({ organizationId: bodyA })).id;
    const b = (await world.programme({ organizationId: bodyB })).id;
    const inA1 = await world.cohort('03', 2, 1, { programmeId: a1 }); // mentor 2 h, mentees 1 h
    const inA2 = await world.cohort('03', 1, 1, { programmeId: a2 });
    // the same mentor also mentors two people in body B's programme: 4 more hours there
    const inB = await world.cohort('03', 2, 2, { programmeId: b, mentorId: inA1.mentorId });
    const period = { from: '2031-03-01', to: '2031-03-31' };

    const programme = (await open({ ...period, programmeId: a1, seed: 'a1' })).audit!;
    expect(programme).toMatchObject({ programmeId: a1, organizationId: null, population: 3 });
    expect(people(programme)).toEqual([inA1.mentorId, ...inA1.pairs.map((p) => p.menteeId)].sort());
    expect(claimed(programme, inA1.mentorId)).toBe(2);
    // the counterparts asked are those of the programme's meetings only
    const verifiers = programme.selections
      .find((s) => s.person.id === inA1.mentorId)!
      .meetings.map((m) => m.verifier.id);
    expect(verifiers.sort()).toEqual(inA1.pairs.map((p) => p.menteeId).sort());

    const organisation = (await open({ ...period, organizationId: bodyA, seed: 'a' }, principal('ADMIN'))).audit!;
    expect(organisation).toMatchObject({ programmeId: null, organizationId: bodyA, population: 5 });
    expect(people(organisation)).toEqual(
      [inA1.mentorId, ...inA1.pairs.map((p) => p.menteeId), inA2.mentorId, inA2.pairs[0].menteeId].sort(),
    );

    const other = (await open({ ...period, organizationId: bodyB, seed: 'b' })).audit!;
    expect(people(other)).toEqual([inA1.mentorId, ...inB.pairs.map((p) => p.menteeId)].sort());
    expect(claimed(other, inA1.mentorId)).toBe(4);
    expect(other.selections.find((s) => s.person.id === inA1.mentorId)!.meetings).toHaveLength(4);

    const platform = (await open({ ...period, seed: 'all' })).audit!;
    expect(platform).toMatchObject({ programmeId: null, organizationId: null, population: 7 });
    expect(claimed(platform, inA1.mentorId)).toBe(6);

    // the list and the cycle itself show the scope
    const listed = await stack.gql<{ audit: { programmeId: string | null; organizationId: string | null } }>(
      `query ($id: ID!) { audit(id: $id) { programmeId organizationId } }`,
      { id: organisation.id },
      { as: auditor },
    );
    expect(listed.data!.audit).toEqual({ programmeId: null, organizationId: bodyA });
  });

  it('should refuse a scope that is both, or unknown, and write nothing', async () => {
    const count = async () => (await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM reporting.audit`))[0].n;
    const before = await count();
    const org = await world.organization('Body C');
    const programmeId = (await world.programme({ organizationId: org })).id;
    await world.settle();
    const period = { from: '2031-03-01', to: '2031-03-31', seed: 'x' };
    const both = await open({ ...period, programmeId, organizationId: org });
    expect(both.errors).toEqual([{ field: 'input.organizationId', code: 'CONFLICT' }]);
    const unknown = await open({ ...period, programmeId: crypto.randomUUID() });
    expect(unknown.errors).toEqual([{ field: 'input.programmeId', code: 'NOT_FOUND' }]);
    const malformed = await open({ ...period, organizationId: 'body-c' });
    expect(malformed.errors).toEqual([{ field: 'input.organizationId', code: 'NOT_FOUND' }]);
    expect(await count()).toBe(before);
    // non-auditors cannot open a scoped cycle either
    const mentor = await stack.gql(
      `mutation ($i: OpenAuditCycleInput!) { openAuditCycle(input: $i) { errors { code } } }`,
      { i: { ...period, programmeId, sampleRate: 1, strategy: 'UNIFORM' } },
      { as: principal('MENTOR') },
    );
    expect(mentor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

// --- the recomputation recipe of the README, written from it, independently of src/modules/audits ----------------

const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest();

/** The README's generator R(seed, salt): sfc32 over the first 16 bytes of sha256(seed + ":" + salt). */
function generator(seed: string, salt: string): () => number {
  const bytes = sha256(`${seed}:${salt}`);
  const s = new Uint32Array([0, 4, 8, 12].map((o) => bytes.readUInt32LE(o)));
  return () => {
    const t = (s[0] + s[1]) >>> 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = s[2] + (s[2] << 3);
    s[2] = (s[2] << 21) | (s[2] >>> 11);
    s[3] = s[3] + 1;
    const r = (t + s[3]) >>> 0;
    s[2] = s[2] + r;
    return r / 2 ** 32;
  };
}

const size = (n: number, rate: number) => (n ? Math.min(n, Math.max(1, Math.ceil(n * rate))) : 0);

function draw(list: Member[], k: number, next: () => number): Member[] {
  const l = list.slice();
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(next() * (l.length - i));
    const x = l[i];
    l[i] = l[j];
    l[j] = x;
  }
  return l.slice(0, k);
}

function recompute(seed: string, members: Member[], rate: number, strategy: string): string[] {
  const sorted = members.slice().sort((x, y) => (x.personId < y.personId ? -1 : x.personId > y.personId ? 1 : 0));
  let chosen: Member[];
  if (strategy === 'UNIFORM') chosen = draw(sorted, size(sorted.length, rate), generator(seed, 'uniform'));
  else if (strategy === 'STRATIFIED_BY_PROGRAMME') {
    const keys = [...new Set(sorted.map((m) => m.programmeId ?? ''))].sort();
    chosen = keys.flatMap((key) => {
      const stratum = sorted.filter((m) => (m.programmeId ?? '') === key);
      return draw(stratum, size(stratum.length, rate), generator(seed, `stratum:${key}`));
    });
  } else {
    const next = generator(seed, 'risk');
    const keyed = sorted.map((m) => ({ m, key: next() ** (1 / Math.max(m.riskScore, 0.001)) }));
    keyed.sort((x, y) => y.key - x.key || (x.m.personId < y.m.personId ? -1 : 1));
    chosen = keyed.slice(0, size(sorted.length, rate)).map((x) => x.m);
  }
  return chosen.map((m) => m.personId).sort();
}

describe('a selection anyone can check', () => {
  it('should publish the commitment and the population, and reveal a seed that recomputes the same selection', async () => {
    const busy = await world.programme({ targetHours: 1 });
    const calm = await world.programme();
    await world.cohort('05', 4, 1, { programmeId: calm.id }); // 5 people
    await world.cohort('05', 3, 2, { programmeId: calm.id, minutes: 45 }); // 4 people
    await world.cohort('05', 3, 3, { programmeId: busy.id, minutes: 120 }); // 4 people, hours well above the pace
    const period = { from: '2031-05-01', to: '2031-05-31' };
    for (const strategy of ['UNIFORM', 'STRATIFIED_BY_PROGRAMME', 'RISK_WEIGHTED']) {
      // no seed given: the platform draws one (32 random bytes)
      const { audit, errors } = await open({ ...period, sampleRate: 0.3, strategy });
      expect(errors).toEqual([]);
      const published = (
        await stack.gql<{ audit: PublishedAudit }>(
          `query ($id: ID!) { audit(id: $id) { ${AUDIT} } }`,
          { id: audit!.id },
          {
            as: principal('ADMIN'),
          },
        )
      ).data!.audit;
      expect(published.seed).toMatch(/^[0-9a-f]{64}$/);
      expect(published.seedCommitment).toBe(sha256(published.seed).toString('hex'));
      const members = published.populationMembers!;
      expect(members).toHaveLength(13);
      expect(published.population).toBe(13);
      expect(members.map((m) => m.personId)).toEqual(members.map((m) => m.personId).sort());
      expect(new Set(members.map((m) => m.programmeId))).toEqual(new Set([busy.id, calm.id]));
      if (strategy === 'RISK_WEIGHTED') expect(Math.max(...members.map((m) => m.riskScore))).toBeGreaterThan(1);

      const recomputed = recompute(published.seed, members, published.sampleRate, published.strategy);
      expect(recomputed).toEqual(people(published));
      // the population list marks the same people as selected
      expect(members.filter((m) => m.selected).map((m) => m.personId)).toEqual(recomputed);
      expect(recomputed.length).toBeGreaterThan(0);

      // a seed changed by one character does not match the commitment
      const last = published.seed.at(-1) === '0' ? '1' : '0';
      const tampered = `${published.seed.slice(0, -1)}${last}`;
      expect(sha256(tampered).toString('hex')).not.toBe(published.seedCommitment);
    }
  });

  it('should commit to a seed the auditor gives, and to the same selection for the same seed and population', async () => {
    const period = { from: '2031-05-01', to: '2031-05-31', sampleRate: 0.5 };
    const first = (await open({ ...period, seed: 'Audit 2031 — mai' })).audit!;
    const again = (await open({ ...period, seed: 'Audit 2031 — mai' })).audit!;
    expect(first.seedCommitment).toBe(sha256('Audit 2031 — mai').toString('hex'));
    expect(again.seedCommitment).toBe(first.seedCommitment);
    expect(people(again)).toEqual(people(first));
    expect(recompute(first.seed, first.populationMembers!, first.sampleRate, first.strategy)).toEqual(people(first));
    // the wrong seed recomputes another selection (13 people, 7 drawn: the same 7 by chance is 1 in 1,716)
    expect(recompute('Audit 2031 — juin', first.populationMembers!, 0.5, 'UNIFORM')).not.toEqual(people(first));
  });
});
