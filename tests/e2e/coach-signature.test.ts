/**
 * The coach signs the partnership agreement when the programme asks for it (issue 19), through the gateway: the
 * programme says so, a draft waits for the mentor, the mentee and a coach; the coaches of the organisation are
 * told; the agreement binds only once a coach of the relationship's organisation signed it, and the pair sees who.
 * A coach of another organisation cannot sign.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { coachedPair } from '../support/programme-setup';
import { ADMIN_PASSWORD, adminEnv, call, login, type Person } from '../support/world';

let stack: Stack;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@coach-signature.test`;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
});
afterAll(async () => {
  await stack?.stop();
});

const NOTIFICATIONS = `{ me { notifications(first: 20) { edges { node { kind title link } } } } }`;

describe("the coach's signature on the agreement", () => {
  let admin: Person;
  let coachA: Person;
  let coachB: Person;
  let mentor: Person;
  let mentee: Person;
  let relationshipId: string;

  beforeAll(async () => {
    admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    ({ coachA, coachB, mentor, mentee, relationshipId } = await coachedPair(stack, admin, {
      requireCoachSignature: true,
    }));
  });

  it('should wait for a coach after both partners signed, tell the coaches, and bind once a coach of the organisation signed', async () => {
    const AGREEMENT = `query ($id: ID!) { relationship(id: $id) { agreement { fullySigned current { version coachSignatureRequired awaitingSignatures coachSigner { displayName } } } } }`;
    const SIGN = `mutation ($id: ID!, $v: Int!) { signAgreement(relationshipId: $id, version: $v) { errors { field code } agreement { fullySigned current { awaitingSignatures } } } }`;
    const drafted = await call(
      stack,
      `mutation ($id: ID!, $input: AgreementInput!) { draftAgreement(relationshipId: $id, input: $input) { errors { field code } agreement { current { version coachSignatureRequired } } } }`,
      {
        id: relationshipId,
        input: {
          topGoals: ['Prepare for the licensing exam'],
          meetingPlace: 'Video call',
          meetingTime: 'Thursdays 5 pm',
          meetingLengthMinutes: 60,
          meetingFrequency: 'Every two weeks',
          initiator: 'MENTEE',
          confidentiality: 'STAYS_BETWEEN_US',
          durationWeeks: 12,
        },
      },
      mentee.token,
    );
    expect(drafted.draftAgreement).toEqual({
      errors: [],
      agreement: { current: { version: 1, coachSignatureRequired: true } },
    });
    for (const partner of [mentee, mentor]) await call(stack, SIGN, { id: relationshipId, v: 1 }, partner.token);
    const waiting = (await call(stack, AGREEMENT, { id: relationshipId }, mentee.token)).relationship.agreement;
    expect(waiting).toMatchObject({
      fullySigned: false,
      current: { awaitingSignatures: ['COACH'], coachSigner: null },
    });

    // the coaches of the organisation are asked; the other organisation's coach is not, and cannot sign
    await eventually(async () => {
      const n = (await call(stack, NOTIFICATIONS, {}, coachA.token)).me.notifications.edges.map(
        (e: { node: { kind: string; title: string } }) => e.node,
      );
      expect(n).toContainEqual(
        expect.objectContaining({
          kind: 'AGREEMENT_AWAITING_SIGNATURE',
          title: 'The agreement of Mentee Mo and Mentor Mia is waiting for your signature',
          // to the agreement card of the admin app, where the coach signs
          link: `admin:/relationships/${relationshipId}#agreement`,
        }),
      );
    }, 15_000);
    const other = (await call(stack, NOTIFICATIONS, {}, coachB.token)).me.notifications.edges.filter(
      (e: { node: { kind: string } }) => e.node.kind === 'AGREEMENT_AWAITING_SIGNATURE',
    );
    expect(other).toEqual([]);
    const refused = await stack.gql(SIGN, { id: relationshipId, v: 1 }, { token: coachB.token });
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const signed = await call(stack, SIGN, { id: relationshipId, v: 1 }, coachA.token);
    expect(signed.signAgreement).toEqual({
      errors: [],
      agreement: { fullySigned: true, current: { awaitingSignatures: [] } },
    });
    const seen = (await call(stack, AGREEMENT, { id: relationshipId }, mentor.token)).relationship.agreement;
    expect(seen).toMatchObject({ fullySigned: true, current: { coachSigner: { displayName: 'Coach Ada' } } });
  });
});
