import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { ROLES, SHARED_ENTITIES_EXTENSION, type EventEnvelope, type Principal, type Role } from '@tandem/contracts';
import { accessPolicy, NO_RELATION, type AccessRelation } from '../src/modules/access/access.policy';
import { personSignals, selectsSharedFieldsOnly, sharedAnswersPlugin } from '../src/modules/access/shared-answers';

const entities = (selection: string) =>
  parse(`query Q($representations:[_Any!]!){_entities(representations:$representations){${selection}}}`);

describe('which entity fetches may be shared', () => {
  it("should accept the gateway's fetch of an approved mentor's name and headline", () => {
    expect(selectsSharedFieldsOnly(entities('...on User{displayName mentorProfile{headline}}'))).toBe(true);
    expect(selectsSharedFieldsOnly(entities('__typename ...on User{__typename id displayName}'))).toBe(true);
  });

  it('should refuse anything whose rule depends on who asks, or that it cannot read at a glance', () => {
    for (const selection of [
      '...on User{displayName contact{email}}',
      '...on User{displayName menteeProfile{headline}}',
      '...on User{mentorProfile{headline status}}',
      '...on User{mentorProfile{industry{label}}}',
      '...on User{name:displayName}',
      '...on User{displayName @include(if:true)}',
      '...on User{...F}',
      '...on Organization{name}',
      '...on User{mentorProfile}',
    ])
      expect(selectsSharedFieldsOnly(entities(selection)), selection).toBe(false);
    expect(selectsSharedFieldsOnly(parse('query{me{displayName}}'))).toBe(false);
    // the positions marked are those of the `representations` variable: nothing else may stand there
    expect(selectsSharedFieldsOnly(parse('query{_entities(representations:[]){...on User{displayName}}}'))).toBe(false);
    expect(
      selectsSharedFieldsOnly(parse('query($r:[_Any!]!){_entities(representations:$r){...on User{displayName}}}')),
    ).toBe(false);
    expect(selectsSharedFieldsOnly(parse('mutation{_entities(representations:[]){...on User{displayName}}}'))).toBe(
      false,
    );
  });

  // the premise: for an APPROVED mentor, the rules of the shared fields give every participant the same answer
  it('should rest on rules that grant an approved mentor name and public profile to every participant', () => {
    const mentor = { id: 'mentor-1', organizationId: 'org-1', mentorStatus: 'APPROVED' as const };
    const relations: AccessRelation[] = [
      NO_RELATION,
      { asked: true, counterpart: true, coaching: true, coachedBy: true },
    ];
    const roleSets: Role[][] = [...ROLES.filter((r) => r !== 'ANALYST').map((r) => [r]), ['ANALYST', 'MENTEE']];
    for (const roles of roleSets)
      for (const organizationId of [null, 'org-1', 'org-2'])
        for (const userId of ['someone', mentor.id]) {
          const p: Principal = { userId, roles, organizationId };
          for (const rel of relations) expect(accessPolicy.canSeePerson(p, mentor, rel)).toBe(true);
          expect(accessPolicy.canSeeMentorProfilePublic(p, mentor)).toBe(true);
        }
  });
});

describe('PERSON signals', () => {
  const event = (name: string, payload: object) => ({ name, payload }) as unknown as EventEnvelope;

  it('should raise one for a change of name, of mentor profile or an erasure', () => {
    for (const name of ['MentorProfileChanged', 'UserContactChanged', 'UserErased'])
      expect(personSignals(event(name, { userId: 'u-1' }))).toEqual([{ kind: 'PERSON', id: 'u-1', to: ['u-1'] }]);
    expect(personSignals(event('UserLanguageChanged', { userId: 'u-1' }))).toEqual([]);
  });
});

describe("the answer's mark", () => {
  const document = entities('...on User{displayName}');
  const mentee = { userId: 'mentee-1', roles: ['MENTEE'], organizationId: null };
  async function mark(load: Parameters<typeof sharedAnswersPlugin>[0], principal: object | null = mentee) {
    const singleResult: { data: unknown; extensions?: Record<string, unknown> } = {
      data: { _entities: [{ displayName: 'A' }, { displayName: 'B' }] },
    };
    const hooks = await sharedAnswersPlugin(load).requestDidStart!({} as never);
    await hooks!.willSendResponse!({
      response: { body: { kind: 'single', singleResult } },
      document,
      request: { variables: { representations: [person('a'), person('b')] } },
      contextValue: { principal },
    } as never);
    return singleResult.extensions?.[SHARED_ENTITIES_EXTENSION];
  }
  const person = (id: string) => ({ __typename: 'User', id });
  const user = (id: string, mentorStatus: string | null) => ({ id, record: { id, mentorStatus } }) as never;

  it('should name the approved mentors among the people answered, for a participant only', async () => {
    const load = async () => [user('a', 'APPROVED'), user('b', 'PENDING_REVIEW')];
    expect(await mark(load)).toEqual([0]);
    expect(await mark(load, { userId: 'analyst-1', roles: ['ANALYST'], organizationId: null })).toBeUndefined();
  });

  it('should mark nothing, and not fail the answer, when loading the people failed', async () => {
    expect(
      await mark(async () => {
        throw new Error('the database is gone');
      }),
    ).toBeUndefined();
  });
});
