/**
 * The staff people search (`users(search:)`) matches only what its reader may see, and literally (issue 17): a
 * coach, who may not see email addresses, cannot find people by them; `%` and `_` are characters, not wildcards.
 * Names match whatever their accents and case, in every script (issue 22).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';

let stack: Stack;
const admin = principal('ADMIN');
let coach: ReturnType<typeof principal>;
const tag = randomUUID().slice(0, 8);

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { errors { code } } }`;
const SEARCH = `query ($search: String) { users(search: $search, first: 50) { totalCount edges { node { displayName } } } }`;

async function person(displayName: string, email: string, organizationId: string): Promise<void> {
  const res = await stack.gql<{ register: { errors: unknown[] } }>(REGISTER, {
    input: { email, password: 'a long and unusual pass', displayName, roles: ['MENTEE'] },
  });
  expect(res.data?.register.errors).toEqual([]);
  // a participant's organisation comes with an invitation or an enrolment; set directly for this fixture
  await stack.sql(`UPDATE identity."user" SET organization_id = $2 WHERE lower(email) = lower($1)`, [
    email,
    organizationId,
  ]);
}

async function names(search: string, as = admin): Promise<string[]> {
  const res = await stack.gql<{ users: { edges: Array<{ node: { displayName: string } }> } }>(
    SEARCH,
    { search },
    { as },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.users.edges.map((e) => e.node.displayName).sort();
}

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [identity] });
  const org = await stack.gql<{ createOrganization: { organization: { id: string } } }>(
    `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { organization { id } } }`,
    { input: { name: `Search org ${tag}` } },
    { as: admin },
  );
  const organizationId = org.data!.createOrganization.organization.id;
  coach = principal('COACH', organizationId);
  await person(`Amara ${tag}`, `hidden.${tag}@example.org`, organizationId);
  await person(`Percent 100% ${tag}`, `p.${tag}@example.org`, organizationId);
  await person(`Under_score ${tag}`, `u.${tag}@example.org`, organizationId);
  await person(`Plain Percent 1000 ${tag}`, `q.${tag}@example.org`, organizationId);
  await person(`Éloïse Brûlé-Lévesque ${tag}`, `e.${tag}@example.org`, organizationId);
  await person(`ZOË Œuvray ${tag}`, `z.${tag}@example.org`, organizationId);
  await person(`Дмитрий Иванов ${tag}`, `d.${tag}@example.org`, organizationId);
  await person(`Jürgen Großmann ${tag}`, `j.${tag}@example.org`, organizationId);
  await person(`مُحَمَّد ${tag}`, `m.${tag}@example.org`, organizationId);
  await person(`प्रिया शर्मा ${tag}`, `h.${tag}@example.org`, organizationId);
});
afterAll(async () => {
  await stack?.stop();
});

describe('the staff people search', () => {
  it("should let admins find a person by email, and never match a coach's search on an address they cannot see", async () => {
    expect(await names(`hidden.${tag}`)).toEqual([`Amara ${tag}`]);
    expect(await names(`hidden.${tag}`, coach)).toEqual([]);
    // the name still finds the person for the coach of their organisation
    expect(await names(`Amara ${tag}`, coach)).toEqual([`Amara ${tag}`]);
  });

  it('should take % and _ literally', async () => {
    expect(await names(`100% ${tag}`)).toEqual([`Percent 100% ${tag}`]);
    expect(await names(`Under_score ${tag}`)).toEqual([`Under_score ${tag}`]);
    // as wildcards these would have matched every name of the set (and "Underscore"-like names)
    expect(await names(`%${tag}`)).toEqual([]);
    expect(await names(`_nder`)).toEqual([]);
    expect(await names(`\\`)).toEqual([]);
  });

  it('should find names whatever their accents and case, in any script', async () => {
    const eloise = [`Éloïse Brûlé-Lévesque ${tag}`];
    expect(await names(`eloise brule-levesque ${tag}`)).toEqual(eloise);
    expect(await names(`ÉLOÏSE BRÛLÉ-LÉVESQUE ${tag.toUpperCase()}`)).toEqual(eloise);
    expect(await names(`lévesque ${tag}`, coach)).toEqual(eloise);
    expect(await names(`zoe oeuvray ${tag}`)).toEqual([`ZOË Œuvray ${tag}`]);
    expect(await names(`ДМИТРИЙ иванов ${tag}`)).toEqual([`Дмитрий Иванов ${tag}`]);
    expect(await names(`jurgen grossmann ${tag}`)).toEqual([`Jürgen Großmann ${tag}`]);
    // Arabic typed without its optional vowel marks; Devanagari vowel signs are letters and must match
    expect(await names(`محمد ${tag}`)).toEqual([`مُحَمَّد ${tag}`]);
    expect(await names(`शर्मा ${tag}`)).toEqual([`प्रिया शर्मा ${tag}`]);
    expect(await names(`शरम ${tag}`)).toEqual([]);
    // accents are not wildcards either
    expect(await names(`eloise_brule ${tag}`)).toEqual([]);
  });
});
