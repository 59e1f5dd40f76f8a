/* eslint-disable @typescript-eslint/no-explicit-any */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { CONFIRM, eventsFor, LOG, meetingInput, ok, publishProgramme, startRelationship } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
});
afterAll(async () => {
  await stack?.stop();
});

const DRAFT = `mutation ($id: ID!, $input: AgreementInput!) { draftAgreement(relationshipId: $id, input: $input) {
  agreement { id current { version topGoals confidentiality initiator mentorSignedAt menteeSignedAt fullySigned } signedVersion fullySigned versions { version } } errors { field code } } }`;
const SIGN = `mutation ($id: ID!, $v: Int!) { signAgreement(relationshipId: $id, version: $v) {
  agreement { current { version mentorSignedAt menteeSignedAt fullySigned } signedVersion fullySigned firstFullySignedAt versions { version fullySigned } } errors { field code } } }`;

const input = (over: Record<string, unknown> = {}) => ({
  topGoals: ['Move from a technical to a managerial role', 'Expand my network'],
  meetingPlace: 'Coffee shop near the office',
  meetingTime: 'Wednesdays 6 pm',
  meetingLengthMinutes: 60,
  meetingFrequency: 'Every two weeks',
  initiator: 'MENTEE',
  confidentiality: 'STAYS_BETWEEN_US_UNLESS_PERMISSION',
  durationWeeks: 26,
  ...over,
});

describe('the partnership agreement', () => {
  it('should need both signatures on the same version, and a change after signing a new version signed again by both', async () => {
    const pair = await startRelationship(stack);
    const d1 = await ok(stack, DRAFT, { id: pair.id, input: input() }, pair.mentee);
    expect(d1.draftAgreement.errors).toEqual([]);
    expect(d1.draftAgreement.agreement.current).toMatchObject({
      version: 1,
      fullySigned: false,
      confidentiality: 'STAYS_BETWEEN_US_UNLESS_PERMISSION',
      initiator: 'MENTEE',
    });

    const s1 = await ok(stack, SIGN, { id: pair.id, v: 1 }, pair.mentor);
    expect(s1.signAgreement.agreement.current.mentorSignedAt).not.toBeNull();
    expect(s1.signAgreement.agreement.fullySigned).toBe(false);
    const twice = await ok(stack, SIGN, { id: pair.id, v: 1 }, pair.mentor);
    expect(twice.signAgreement.errors).toEqual([{ field: 'version', code: 'ALREADY_SIGNED' }]);

    const s2 = await ok(stack, SIGN, { id: pair.id, v: 1 }, pair.mentee);
    expect(s2.signAgreement.agreement).toMatchObject({ fullySigned: true, signedVersion: 1 });

    // a change after signing: version 2, unsigned, while version 1 stays the signed one
    const d2 = await ok(
      stack,
      DRAFT,
      { id: pair.id, input: input({ confidentiality: 'STAYS_BETWEEN_US' }) },
      pair.mentor,
    );
    expect(d2.draftAgreement.agreement).toMatchObject({
      current: { version: 2, fullySigned: false, mentorSignedAt: null, menteeSignedAt: null },
      signedVersion: 1,
      fullySigned: false,
    });

    // signing the old version is refused
    const stale = await ok(stack, SIGN, { id: pair.id, v: 1 }, pair.mentee);
    expect(stale.signAgreement).toEqual({ agreement: null, errors: [{ field: 'version', code: 'STALE_VERSION' }] });
    await ok(stack, SIGN, { id: pair.id, v: 2 }, pair.mentee);
    const done = await ok(stack, SIGN, { id: pair.id, v: 2 }, pair.mentor);
    expect(done.signAgreement.agreement).toMatchObject({
      fullySigned: true,
      signedVersion: 2,
      versions: [
        { version: 1, fullySigned: true },
        { version: 2, fullySigned: true },
      ],
    });

    const awaiting = await eventsFor(stack, 'AgreementAwaitingSignature', pair.id);
    expect(awaiting.map((e) => e.payload.version)).toEqual([1, 2]);
    expect((awaiting[0].payload.awaitingUserIds as string[]).sort()).toEqual([pair.menteeId, pair.mentorId].sort());
    const signed = await eventsFor(stack, 'AgreementSigned', pair.id);
    expect(signed.map((e) => [e.payload.version, e.payload.fullySigned])).toEqual([
      [1, false],
      [1, true],
      [2, false],
      [2, true],
    ]);
  });

  it('should validate the agreement fields', async () => {
    const pair = await startRelationship(stack);
    const res = await ok(
      stack,
      DRAFT,
      {
        id: pair.id,
        input: input({ topGoals: ['a', 'b', 'c', 'd'], meetingPlace: ' ', meetingLengthMinutes: 2, durationWeeks: 0 }),
      },
      pair.mentee,
    );
    expect(res.draftAgreement.agreement).toBeNull();
    expect(res.draftAgreement.errors.map((e: any) => e.field).sort()).toEqual([
      'input.durationWeeks',
      'input.meetingLengthMinutes',
      'input.meetingPlace',
      'input.topGoals',
    ]);
    const noAgreement = await ok(stack, SIGN, { id: pair.id, v: 1 }, pair.mentee);
    expect(noAgreement.signAgreement.errors).toEqual([{ field: 'relationshipId', code: 'NO_AGREEMENT' }]);
  });

  it('should log meetings before full signature but count them only once the agreement is signed, when the programme requires it', async () => {
    const programmeId = await publishProgramme(
      stack,
      { targetHours: 3, durationWeeks: 26, minMeetings: 3, hoursOrMeetings: true },
      { requireSignedAgreement: true },
    );
    const pair = await startRelationship(stack, { programmeId, confirmedAt: '2026-05-01T12:00:00Z' });
    const logged = await ok(
      stack,
      LOG,
      { id: pair.id, input: meetingInput({ occurredOn: '2026-05-06' }) },
      pair.mentee,
    );
    const confirmed = await ok(stack, CONFIRM, { id: logged.logMeeting.meeting.id }, pair.mentor);
    expect(confirmed.confirmMeeting.meeting).toMatchObject({ status: 'CONFIRMED', counts: false });
    expect(confirmed.confirmMeeting.meeting.notCountingReason).toMatch(/signed agreement/);
    const PROGRESS = `query ($id: ID!) { relationship(id: $id) { progress { confirmedHours confirmedMeetings notCountingMeetings } } }`;
    expect((await ok(stack, PROGRESS, { id: pair.id }, pair.mentee)).relationship.progress).toEqual({
      confirmedHours: 0,
      confirmedMeetings: 0,
      notCountingMeetings: 1,
    });
    expect(await eventsFor(stack, 'MeetingConfirmed', pair.id)).toHaveLength(0);

    await ok(stack, DRAFT, { id: pair.id, input: input() }, pair.mentee);
    await ok(stack, SIGN, { id: pair.id, v: 1 }, pair.mentee);
    expect(await eventsFor(stack, 'MeetingConfirmed', pair.id)).toHaveLength(0);
    await ok(stack, SIGN, { id: pair.id, v: 1 }, pair.mentor);

    expect((await ok(stack, PROGRESS, { id: pair.id }, pair.mentee)).relationship.progress).toEqual({
      confirmedHours: 1,
      confirmedMeetings: 1,
      notCountingMeetings: 0,
    });
    const events = await eventsFor(stack, 'MeetingConfirmed', pair.id);
    expect(events.map((e) => e.payload.meetingId)).toEqual([logged.logMeeting.meeting.id]);
  });

  it("should ask the coach's signature too when the programme says so, and bind only once the coach signed", async () => {
    const programmeId = await publishProgramme(
      stack,
      { targetHours: 3, durationWeeks: 26, minMeetings: 3, hoursOrMeetings: true },
      { requireSignedAgreement: true, requireCoachSignature: true },
    );
    const pair = await startRelationship(stack, { programmeId });
    const COACH_SIGN = `mutation ($id: ID!, $v: Int!) { signAgreement(relationshipId: $id, version: $v) {
      agreement { current { version coachSignatureRequired coachSignedAt coachSigner { id } awaitingSignatures fullySigned } signedVersion fullySigned }
      errors { field code } } }`;
    const drafted = await ok(stack, DRAFT, { id: pair.id, input: input() }, pair.mentee);
    expect(drafted.draftAgreement.errors).toEqual([]);
    const [awaiting] = await eventsFor(stack, 'AgreementAwaitingSignature', pair.id);
    expect(awaiting.payload.awaitingCoach).toBe(true);

    await ok(stack, SIGN, { id: pair.id, v: 1 }, pair.mentee);
    const partners = await ok(stack, COACH_SIGN, { id: pair.id, v: 1 }, pair.mentor);
    expect(partners.signAgreement.agreement).toMatchObject({
      current: { coachSignatureRequired: true, coachSignedAt: null, awaitingSignatures: ['COACH'], fullySigned: false },
      signedVersion: null,
      fullySigned: false,
    });

    // a coach of another organisation, and an admin, are not the coach of this relationship
    const stranger = await stack.gql(COACH_SIGN, { id: pair.id, v: 1 }, { as: principal('COACH', randomUUID()) });
    expect(stranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const admin = await stack.gql(COACH_SIGN, { id: pair.id, v: 1 }, { as: principal('ADMIN', null) });
    expect(admin.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const coach = principal('COACH', pair.organizationId);
    const signed = await ok(stack, COACH_SIGN, { id: pair.id, v: 1 }, coach);
    expect(signed.signAgreement.errors).toEqual([]);
    expect(signed.signAgreement.agreement).toMatchObject({
      current: { coachSigner: { id: coach.userId }, awaitingSignatures: [], fullySigned: true },
      signedVersion: 1,
      fullySigned: true,
    });
    expect(signed.signAgreement.agreement.current.coachSignedAt).not.toBeNull();
    const again = await ok(stack, COACH_SIGN, { id: pair.id, v: 1 }, principal('COACH', pair.organizationId));
    expect(again.signAgreement).toEqual({ agreement: null, errors: [{ field: 'version', code: 'ALREADY_SIGNED' }] });
    const events = await eventsFor(stack, 'AgreementSigned', pair.id);
    expect(events.map((e) => [e.payload.signerRole, e.payload.fullySigned])).toEqual([
      ['MENTEE', false],
      ['MENTOR', false],
      ['COACH', true],
    ]);
  });

  it("should refuse a coach's signature where the programme does not ask for one, writing nothing", async () => {
    const pair = await startRelationship(stack);
    await ok(stack, DRAFT, { id: pair.id, input: input() }, pair.mentee);
    const res = await ok(stack, SIGN, { id: pair.id, v: 1 }, pair.coach);
    expect(res.signAgreement).toEqual({
      agreement: null,
      errors: [{ field: 'version', code: 'COACH_SIGNATURE_NOT_REQUIRED' }],
    });
    expect(await eventsFor(stack, 'AgreementSigned', pair.id)).toHaveLength(0);
  });
});
