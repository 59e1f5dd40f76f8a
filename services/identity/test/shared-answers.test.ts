import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { ROLES, type EventEnvelope, type Principal, type Role } from '@tandem/contracts';
import { accessPolicy, NO_RELATION, type AccessRelation } from '../src/modules/access/access.policy';
import { personSignals, selectsSharedFieldsOnly } from '../src/modules/access/shared-answers';

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
