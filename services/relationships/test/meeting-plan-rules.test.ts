/** The rules of a meeting planned ahead, as pure functions (meeting-plan.rules.ts; issue 20). */
import { describe, expect, it } from 'vitest';
import { Refusal } from '@tandem/subgraph-kit';
import { daysFromToday } from '@tandem/testkit';
import type { MeetingPlanInput } from '../src/modules/meetings/meeting-plan.inputs';
import type { MeetingPlanRow } from '../src/modules/meetings/meeting-plan.repository';
import {
  refuseStep,
  validatePlan,
  validatePlanTimes,
  validateReason,
  type PlanStep,
} from '../src/modules/meetings/meeting-plan.rules';
import { MeetingMode } from '../src/modules/shared/enums';

const now = new Date();
const input = (over: Partial<MeetingPlanInput> = {}): MeetingPlanInput =>
  Object.assign(
    {
      startsOn: daysFromToday(7),
      startTime: '17:00',
      durationMinutes: 60,
      mode: MeetingMode.IN_PERSON,
      place: 'Café',
      agenda: [' Exam plan ', ''],
    },
    over,
  ) as MeetingPlanInput;
const ctx = { now, defaultTimeZone: 'America/Toronto' };

/** The `field:code` of each refusal `work` throws (empty when it passes). */
function refusals(work: () => unknown): string[] {
  try {
    work();
    return [];
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    return e.errors.map((f) => `${f.field}:${f.code}`).sort();
  }
}

describe('validatePlan', () => {
  it('should take the local time in the proposer’s zone when the input names none', () => {
    const plan = validatePlan(input(), ctx);
    expect(plan.timeZone).toBe('America/Toronto');
    const local = plan.startsAt.toLocaleTimeString('en-CA', {
      timeZone: 'America/Toronto',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    expect(local).toBe('17:00');
    expect(plan.agenda).toEqual(['Exam plan']);
  });

  it('should refuse a start that has passed in the proposer’s zone, though not yet in a zone behind it', () => {
    const inToronto = new Date(now.getTime() - 60 * 60_000);
    const wall = (d: Date, zone: string) => {
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(d);
      const get = (t: string) => parts.find((p) => p.type === t)!.value;
      return { startsOn: `${get('year')}-${get('month')}-${get('day')}`, startTime: `${get('hour')}:${get('minute')}` };
    };
    const past = wall(inToronto, 'America/Toronto');
    expect(refusals(() => validatePlan(input(past), ctx))).toEqual(['input.startsOn:NOT_IN_THE_FUTURE']);
    // the same wall-clock time read in Vancouver (behind Toronto) is still ahead
    expect(refusals(() => validatePlan(input({ ...past, timeZone: 'America/Vancouver' }), ctx))).toEqual([]);
  });

  it('should accept 15 and 480 minutes and refuse 14 and 481', () => {
    expect(refusals(() => validatePlan(input({ durationMinutes: 15 }), ctx))).toEqual([]);
    expect(refusals(() => validatePlan(input({ durationMinutes: 480 }), ctx))).toEqual([]);
    expect(refusals(() => validatePlan(input({ durationMinutes: 14 }), ctx))).toEqual([
      'input.durationMinutes:OUT_OF_RANGE',
    ]);
    expect(refusals(() => validatePlanTimes(input({ durationMinutes: 481 }), ctx))).toEqual([
      'input.durationMinutes:OUT_OF_RANGE',
    ]);
  });

  it('should refuse a video meeting without a https link, an unknown zone and a bad time, all at once', () => {
    expect(
      refusals(() =>
        validatePlan(
          input({
            mode: MeetingMode.VIDEO,
            videoUrl: 'http://meet.example.org/x',
            timeZone: 'Mars/Olympus',
            startTime: '25:00',
          }),
          ctx,
        ),
      ),
    ).toEqual(['input.startTime:INVALID_TIME', 'input.timeZone:UNKNOWN_TIME_ZONE', 'input.videoUrl:INVALID_URL']);
    expect(refusals(() => validatePlan(input({ mode: MeetingMode.VIDEO }), ctx))).toEqual(['input.videoUrl:REQUIRED']);
  });
});

describe('refuseStep', () => {
  const [proposer, other] = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
  const plan = (over: Partial<MeetingPlanRow> = {}) => ({
    status: 'AWAITING_RESPONSE' as const,
    awaitingUserId: other,
    startsAt: new Date(now.getTime() + 86_400_000),
    ...over,
  });
  const step = (p: ReturnType<typeof plan>, s: PlanStep, userId: string) =>
    refusals(() => refuseStep(p, s, userId, now));

  it('should let only the partner awaited accept, decline or propose another time', () => {
    for (const s of ['ACCEPT', 'DECLINE', 'COUNTER'] as const) {
      expect(step(plan(), s, other)).toEqual([]);
      expect(step(plan(), s, proposer)).toEqual(['planId:NOT_AWAITING_YOU']);
    }
  });

  it('should let either partner reschedule or cancel an open plan', () => {
    for (const s of ['RESCHEDULE', 'CANCEL'] as const)
      for (const who of [proposer, other]) {
        expect(step(plan(), s, who)).toEqual([]);
        expect(step(plan({ status: 'ACCEPTED', awaitingUserId: null }), s, who)).toEqual([]);
      }
  });

  it('should refuse every step on a declined or cancelled plan, and answering an accepted one', () => {
    for (const status of ['DECLINED', 'CANCELLED'] as const)
      for (const s of ['ACCEPT', 'DECLINE', 'COUNTER', 'RESCHEDULE', 'CANCEL'] as const)
        expect(step(plan({ status, awaitingUserId: null }), s, other)).toEqual(['planId:INVALID_STATE']);
    expect(step(plan({ status: 'ACCEPTED', awaitingUserId: null }), 'ACCEPT', other)).toEqual(['planId:INVALID_STATE']);
  });

  it('should refuse any step once the meeting has started', () => {
    const started = plan({ startsAt: new Date(now.getTime() - 60_000) });
    expect(step(started, 'ACCEPT', other)).toEqual(['planId:ALREADY_STARTED']);
    expect(step(started, 'CANCEL', proposer)).toEqual(['planId:ALREADY_STARTED']);
  });

  it('should require a reason to decline or cancel', () => {
    expect(refusals(() => validateReason('   '))).toEqual(['reason:REQUIRED']);
    expect(validateReason(' Away that week. ')).toBe('Away that week.');
  });
});
