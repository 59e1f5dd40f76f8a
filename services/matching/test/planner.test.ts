import { describe, expect, it } from 'vitest';
import { planCohort } from '../src/modules/cohorts/cohort-planner';
import {
  DEFAULT_WEIGHTS,
  scoreMentor,
  resolveWeights,
  type SearchCriteria,
  type MentorFacts,
} from '../src/modules/search/score';
import type { MenteeProfileRow, MentorProfileRow } from '../src/modules/read-models/read-model.repository';

const criteria = (c: Partial<SearchCriteria>): SearchCriteria => ({
  industryCode: null,
  occupationCode: null,
  skills: [],
  languages: [],
  city: null,
  country: null,
  timeZone: null,
  meetingPreferences: [],
  livedExperience: [],
  goals: null,
  ...c,
});
const facts = (m: Partial<MentorFacts>): MentorFacts => ({
  industryCode: null,
  occupationCode: null,
  skills: [],
  languages: [],
  city: null,
  country: null,
  timeZone: null,
  meetingPreferences: [],
  livedExperience: [],
  headline: null,
  ...m,
});

describe('scoreMentor', () => {
  it('should weigh each criterion used and explain it (hand-checked)', () => {
    const c = criteria({
      industryCode: '541330',
      occupationCode: '21300',
      skills: ['python', 'sql', 'gis', 'cad'],
      languages: ['fr'],
      city: 'Toronto',
      timeZone: 'America/Toronto',
      meetingPreferences: ['VIDEO'],
      livedExperience: ['newcomer', 'accreditation'],
      goals: 'licensing exam preparation',
    });
    const m = facts({
      industryCode: '541990',
      occupationCode: '21300',
      skills: ['python', 'cad'],
      languages: ['en', 'fr'],
      city: 'Ottawa',
      timeZone: 'America/Toronto',
      meetingPreferences: ['IN_PERSON'],
      livedExperience: ['newcomer'],
      headline: 'Helps with licensing and the exam',
    });
    const { score, explanation } = scoreMentor(c, m, DEFAULT_WEIGHTS);
    const by = Object.fromEntries(explanation.map((e) => [e.criterion, e]));
    // similarities: industry .5 (family 54), occupation 1, skills 2/4, languages 1, location .75 (time zone) / 1, meeting 0, lived 1/2, goals 2/3 (licensing, exam)
    expect(by.INDUSTRY).toMatchObject({ similarity: 0.5, matched: ['54 (family)'] });
    expect(by.OCCUPATION).toMatchObject({ similarity: 1, matched: ['21300'] });
    expect(by.SKILLS).toMatchObject({ similarity: 0.5, matched: ['python', 'cad'] });
    expect(by.LANGUAGES).toMatchObject({ similarity: 1, matched: ['fr'] });
    expect(by.LOCATION).toMatchObject({ similarity: 0.75, matched: ['America/Toronto'] });
    expect(by.MEETING_PREFERENCE.similarity).toBe(0);
    expect(by.LIVED_EXPERIENCE).toMatchObject({ similarity: 0.5, matched: ['newcomer'] });
    expect(by.GOALS.similarity).toBeCloseTo(2 / 3, 12);
    // weights sum to 1: .15×.5 + .25×1 + .2×.5 + .1×1 + .05×.75 + .05×0 + .15×.5 + .05×2/3
    const expected = 0.075 + 0.25 + 0.1 + 0.1 + 0.0375 + 0 + 0.075 + 0.05 * (2 / 3);
    expect(score).toBeCloseTo(expected, 12);
    expect(explanation.reduce((s, e) => s + e.contribution, 0)).toBeCloseTo(score, 12);
    expect(by.OCCUPATION.contribution).toBeCloseTo(0.25, 12);
  });

  it('should leave out criteria without a value and renormalise, and take programme weights over the defaults', () => {
    const c = criteria({ occupationCode: '21300', languages: ['fr'] });
    const w = resolveWeights({ occupation: 3, languages: 1, bogus: 9, skills: -1 });
    expect(w.OCCUPATION).toBe(3);
    expect(w.SKILLS).toBe(DEFAULT_WEIGHTS.SKILLS);
    const { score, explanation } = scoreMentor(c, facts({ occupationCode: '21311', languages: ['fr'] }), w);
    // (3 × .5 + 1 × 1) / 4
    expect(score).toBeCloseTo(0.625, 12);
    expect(explanation.map((e) => e.weight)).toEqual([0.75, 0.25]);
  });

  it('should score a location asked only by country as a full match', () => {
    const { score } = scoreMentor(criteria({ country: 'CA' }), facts({ country: 'ca' }), DEFAULT_WEIGHTS);
    expect(score).toBe(1);
  });
});

const mentee = (id: string, p: Partial<MenteeProfileRow> = {}): MenteeProfileRow => ({
  userId: id,
  displayName: id,
  industryCode: null,
  occupationCode: null,
  skills: [],
  languages: [],
  city: null,
  country: null,
  timeZone: null,
  meetingPreferences: [],
  livedExperience: [],
  needs: [],
  goals: [],
  employer: null,
  organizationId: null,
  changedAt: new Date(0),
  ...p,
});
const mentorRow = (id: string, p: Partial<MentorProfileRow> = {}): MentorProfileRow => ({
  userId: id,
  displayName: id,
  status: 'APPROVED',
  headline: null,
  industryCode: null,
  industryLabel: null,
  occupationCode: null,
  occupationLabel: null,
  yearsExperience: null,
  skills: [],
  languages: [],
  city: null,
  country: null,
  timeZone: null,
  meetingPreferences: [],
  hoursPerMonth: null,
  capacity: 1,
  livedExperience: [],
  employer: null,
  pausedUntil: null,
  organizationId: null,
  hasCapacity: true,
  ...p,
});

describe('planCohort', () => {
  it('should say why each mentee is unmatched', () => {
    const plan = planCohort({
      mentees: [
        { id: 'np', profile: null, alreadyMatched: false },
        { id: 'done', profile: mentee('done'), alreadyMatched: true },
        { id: 'conflict', profile: mentee('conflict', { employer: 'Acme', skills: ['x'] }), alreadyMatched: false },
        { id: 'declined', profile: mentee('declined', { skills: ['x'] }), alreadyMatched: false },
        { id: 'ok', profile: mentee('ok', { skills: ['x'] }), alreadyMatched: false },
      ],
      mentors: [{ id: 'm', profile: mentorRow('m', { employer: 'acme', skills: ['x'] }), free: 1 }],
      rules: [],
      declined: new Set(['declined:m']),
      weights: DEFAULT_WEIGHTS,
      objective: 'MAX_MATCHED',
    });
    expect(plan.pairs.map((p) => [p.menteeId, p.mentorId, p.score])).toEqual([['ok', 'm', 1]]);
    expect(Object.fromEntries(plan.unmatched.map((u) => [u.menteeId, u.reason]))).toEqual({
      np: 'NO_PROFILE',
      done: 'ALREADY_MATCHED',
      conflict: 'NO_ELIGIBLE_MENTOR',
      declined: 'NO_ELIGIBLE_MENTOR',
    });
  });
});
