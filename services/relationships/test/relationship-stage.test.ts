import { describe, expect, it } from 'vitest';
import {
  NEAR_END_DAYS,
  relationshipStage,
  type StageInput,
} from '../src/modules/relationships/relationship-stage.rules';
import { addDays } from '../src/modules/shared/dates';

// a 16-week relationship started on the 1st of January, looked at on its tenth day
const base: StageInput = {
  status: 'ACTIVE',
  startedOn: '2026-01-01',
  plannedEndOn: addDays('2026-01-01', 16 * 7),
  durationWeeks: 16,
  confirmedMeetings: 0,
  agreementSigned: false,
  hasPlan: false,
  termsMet: false,
  completionConfirmed: false,
  today: '2026-01-10',
};
const underway: StageInput = { ...base, confirmedMeetings: 2, agreementSigned: true, hasPlan: true };

describe(relationshipStage.name, () => {
  it('should be PREPARING_FIRST_MEETING when no meeting is confirmed yet, signed agreement or not', () => {
    expect(relationshipStage(base)).toBe('PREPARING_FIRST_MEETING');
    expect(relationshipStage({ ...base, agreementSigned: true })).toBe('PREPARING_FIRST_MEETING');
  });

  it('should be WRITING_AGREEMENT when a meeting took place and the agreement is not signed by both', () => {
    expect(relationshipStage({ ...base, confirmedMeetings: 1 })).toBe('WRITING_AGREEMENT');
  });

  it('should be ACTION_PLAN when the agreement is signed and there is no plan, even past half-way', () => {
    const signed = { ...base, confirmedMeetings: 1, agreementSigned: true };
    expect(relationshipStage(signed)).toBe('ACTION_PLAN');
    expect(relationshipStage({ ...signed, today: addDays(base.startedOn, 70) })).toBe('ACTION_PLAN');
  });

  it('should stay ACTION_PLAN in the first half with a plan and become MID_WAY at half the duration', () => {
    expect(relationshipStage({ ...underway, today: addDays(base.startedOn, 55) })).toBe('ACTION_PLAN');
    expect(relationshipStage({ ...underway, today: addDays(base.startedOn, 56) })).toBe('MID_WAY');
  });

  it('should be COMPLETING when the terms are met, a partner confirmed completion, or it has ended', () => {
    expect(relationshipStage({ ...underway, termsMet: true })).toBe('COMPLETING');
    expect(relationshipStage({ ...base, completionConfirmed: true })).toBe('COMPLETING');
    expect(relationshipStage({ ...base, status: 'COMPLETED' })).toBe('COMPLETING');
    expect(relationshipStage({ ...base, status: 'WITHDRAWN' })).toBe('COMPLETING');
  });

  it('should be COMPLETING within NEAR_END_DAYS of the planned end, and not the day before', () => {
    const end = base.plannedEndOn!;
    expect(relationshipStage({ ...underway, today: addDays(end, -NEAR_END_DAYS) })).toBe('COMPLETING');
    expect(relationshipStage({ ...underway, today: addDays(end, -NEAR_END_DAYS - 1) })).toBe('MID_WAY');
    expect(relationshipStage({ ...underway, today: addDays(end, 3) })).toBe('COMPLETING');
  });

  it('should ignore the planned end when there is none', () => {
    expect(relationshipStage({ ...underway, plannedEndOn: null, today: addDays(base.startedOn, 400) })).toBe('MID_WAY');
  });
});
