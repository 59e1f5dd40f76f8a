/**
 * A deterministic synthetic platform: every entity is a pure function of (seed, index), so each service's
 * large seed regenerates the same mentors, mentees, relationships and meetings on its own and writes only
 * its own tables, and all four agree on the ids. Distributions are skewed like a real programme's:
 * industries and skills follow power laws, mentor capacities are 1..5, most relationships are completed,
 * some withdrawn, the rest active.
 */
export * from './copy';

export interface PlatformSize {
  seed: number;
  mentors: number;
  mentees: number;
  relationships: number;
  meetings: number;
  organizations: number;
  programmes: number;
}

export const DEFAULT_SIZE: PlatformSize = {
  seed: 42,
  mentors: 100_000,
  mentees: 100_000,
  relationships: 200_000,
  meetings: 1_000_000,
  organizations: 20,
  programmes: 10,
};

/** Id kinds: the first uuid group names the kind, the last group the index (valid v4-shaped uuids). */
const KIND = {
  org: 'a0000001',
  programme: 'a0000002',
  mentor: 'a0000003',
  mentee: 'a0000004',
  coach: 'a0000005',
  analyst: 'a0000006',
  relationship: 'a0000007',
  meeting: 'a0000008',
  goal: 'a0000009',
  milestone: 'a000000a',
  request: 'a000000b',
  admin: 'a000000c',
} as const;
export type Kind = keyof typeof KIND;
export function uuidFor(kind: Kind, index: number, seed = 42): string {
  return `${KIND[kind]}-${(seed & 0xffff).toString(16).padStart(4, '0')}-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** mulberry32 over a hash of (seed, kind, index): a small, fast, reproducible PRNG. */
export function rng(seed: number, salt: number, index: number): () => number {
  let a =
    (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35) ^ Math.imul(index + 1, 0x27d4eb2f)) >>>
    0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** A power-law pick from a list: the first items are far more common. */
const skewed = <T>(r: () => number, list: readonly T[], power = 2.5): T =>
  list[Math.min(list.length - 1, Math.floor(list.length * Math.pow(r(), power)))];

export const INDUSTRIES: ReadonlyArray<readonly [string, string]> = [
  ['5415', 'Computer systems design'],
  ['5412', 'Accounting services'],
  ['6211', 'Offices of physicians'],
  ['5413', 'Architectural and engineering services'],
  ['5221', 'Depository credit intermediation'],
  ['6113', 'Universities'],
  ['5416', 'Management consulting'],
  ['2211', 'Electric power'],
  ['3254', 'Pharmaceuticals'],
  ['4841', 'General freight trucking'],
  ['5241', 'Insurance carriers'],
  ['6221', 'General hospitals'],
  ['5418', 'Advertising'],
  ['3364', 'Aerospace'],
  ['5112', 'Software publishers'],
  ['2362', 'Non-residential construction'],
  ['4451', 'Grocery stores'],
  ['7225', 'Restaurants'],
  ['9111', 'Defence services'],
  ['1111', 'Oilseed and grain farming'],
];
export const OCCUPATIONS: ReadonlyArray<readonly [string, string]> = [
  ['21231', 'Software engineers'],
  ['11100', 'Financial auditors and accountants'],
  ['31301', 'Registered nurses'],
  ['21300', 'Civil engineers'],
  ['11101', 'Financial analysts'],
  ['41200', 'University professors'],
  ['10010', 'Financial managers'],
  ['21301', 'Mechanical engineers'],
  ['31102', 'General practitioners'],
  ['12200', 'Accounting technicians'],
  ['21211', 'Data scientists'],
  ['20012', 'Computer systems managers'],
  ['11200', 'Human resources professionals'],
  ['21223', 'Database analysts'],
  ['40021', 'School principals'],
];
export const SKILLS = [
  'python',
  'project management',
  'leadership',
  'financial reporting',
  'audit',
  'networking',
  'interviews',
  'resume writing',
  'public speaking',
  'excel',
  'sql',
  'ifrs',
  'canadian gaap',
  'patient care',
  'clinical research',
  'licensing exams',
  'negotiation',
  'data analysis',
  'machine learning',
  'cloud',
  'java',
  'marketing',
  'sales',
  'design',
  'construction safety',
  'supply chain',
  'regulatory affairs',
  'teaching',
  'grant writing',
  'accessibility',
] as const;
export const CITIES: ReadonlyArray<readonly [string, string]> = [
  ['Toronto', 'America/Toronto'],
  ['Montreal', 'America/Toronto'],
  ['Vancouver', 'America/Vancouver'],
  ['Calgary', 'America/Edmonton'],
  ['Ottawa', 'America/Toronto'],
  ['Edmonton', 'America/Edmonton'],
  ['Winnipeg', 'America/Winnipeg'],
  ['Halifax', 'America/Halifax'],
  ['Victoria', 'America/Vancouver'],
  ['Regina', 'America/Regina'],
];
const FIRST = [
  'Amara',
  'Wei',
  'Priya',
  'Mateo',
  'Fatima',
  'Olu',
  'Sofia',
  'Chen',
  'Aisha',
  'Diego',
  'Hana',
  'Ivan',
  'Leila',
  'Noah',
  'Yara',
  'Kofi',
  'Mina',
  'Raj',
  'Zoe',
  'Omar',
];
const LAST = [
  'Okafor',
  'Zhang',
  'Patel',
  'Garcia',
  'Haddad',
  'Adeyemi',
  'Rossi',
  'Li',
  'Khan',
  'Lopez',
  'Sato',
  'Petrov',
  'Nasser',
  'Martin',
  'Silva',
  'Mensah',
  'Kim',
  'Singh',
  'Tremblay',
  'Ali',
];
const MODES = ['VIDEO', 'IN_PERSON', 'PHONE'] as const;
const LIVED = [
  'newcomer to the country',
  'career change',
  'first in family at university',
  'single parent',
  'returning to work',
];

export interface SyntheticPerson {
  index: number;
  id: string;
  email: string;
  displayName: string;
  organizationId: string;
  programmeId: string;
  industry: readonly [string, string];
  occupation: readonly [string, string];
  yearsExperience: number;
  skills: string[];
  languages: string[];
  city: string;
  timeZone: string;
  meetingPreferences: string[];
  livedExperience: string[];
  headline: string;
  registeredAt: Date;
}
export interface SyntheticMentor extends SyntheticPerson {
  capacity: number;
  hoursPerMonth: number;
  employer: string;
}
export interface SyntheticMentee extends SyntheticPerson {
  needs: string[];
  goals: string[];
}

/** The platform's epoch: all generated activity lies in the three years before it (fixed, not "now", so runs agree). */
export const EPOCH = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class SyntheticPlatform {
  constructor(readonly size: PlatformSize) {}

  id(kind: Kind, index: number) {
    return uuidFor(kind, index, this.size.seed);
  }
  organization(i: number) {
    return {
      id: this.id('org', i),
      name: `${['North', 'South', 'East', 'West', 'Central'][i % 5]} ${['Newcomer Services', 'Professional Network', 'Career Bridge', 'Skills Council'][i % 4]} ${i + 1}`,
      city: CITIES[i % CITIES.length][0],
      country: 'CA',
    };
  }
  /** Programme p belongs to organisations p and p + programmes (mod organisations). */
  programme(p: number) {
    const orgs = [...new Set([p % this.size.organizations, (p + this.size.programmes) % this.size.organizations])].map(
      (o) => this.id('org', o),
    );
    const hours = p % 2 === 0;
    return {
      id: this.id('programme', p),
      name: `Mentoring Programme ${p + 1}`,
      organizationIds: orgs,
      targetHours: hours ? 24 : 3,
      durationWeeks: hours ? 17 : 26,
      minMeetings: hours ? 8 : 3,
      hoursOrMeetings: !hours,
      cpdCategory: 'Peer and professional interaction',
      requireSignedAgreement: false,
    };
  }
  coachId(org: number) {
    return this.id('coach', org);
  }
  private person(kind: 'mentor' | 'mentee', i: number, salt: number): SyntheticPerson {
    const r = rng(this.size.seed, salt, i);
    const programme = this.programme(Math.floor(Math.pow(r(), 1.5) * this.size.programmes));
    const organizationId = programme.organizationIds[i % programme.organizationIds.length];
    const industry = skewed(r, INDUSTRIES);
    const occupation = skewed(r, OCCUPATIONS);
    const skills = [...new Set(Array.from({ length: 2 + Math.floor(r() * 5) }, () => skewed(r, SKILLS, 2)))];
    const [city, timeZone] = skewed(r, CITIES, 2);
    const first = FIRST[Math.floor(r() * FIRST.length)];
    const last = LAST[Math.floor(r() * LAST.length)];
    const languages = r() < 0.85 ? ['en'] : ['fr'];
    if (r() < 0.2) languages.push(['fr', 'es', 'zh', 'ar', 'hi'][Math.floor(r() * 5)]);
    const yearsExperience = kind === 'mentor' ? 5 + Math.floor(r() * 30) : Math.floor(r() * 15);
    return {
      index: i,
      id: this.id(kind, i),
      email: `${kind}${i}@synthetic.tandem.test`,
      displayName: `${first} ${last}`,
      organizationId,
      programmeId: programme.id,
      industry,
      occupation,
      yearsExperience,
      skills,
      languages: [...new Set(languages)],
      city,
      timeZone,
      meetingPreferences: [...new Set([MODES[Math.floor(r() * 3)], MODES[Math.floor(r() * 2)]])],
      livedExperience: r() < 0.4 ? [LIVED[Math.floor(r() * LIVED.length)]] : [],
      headline: `${occupation[1].replace(/s$/, '')} in ${industry[1].toLowerCase()}`,
      registeredAt: new Date(EPOCH - (1100 - Math.floor(r() * 60)) * DAY - i * 1000),
    };
  }
  mentor(i: number): SyntheticMentor {
    const p = this.person('mentor', i, 1);
    const r = rng(this.size.seed, 11, i);
    return {
      ...p,
      capacity: 1 + Math.floor(r() * 5),
      hoursPerMonth: 2 + Math.floor(r() * 8),
      employer: `Employer ${1 + Math.floor(Math.pow(r(), 2) * 500)}`,
    };
  }
  mentee(i: number): SyntheticMentee {
    const p = this.person('mentee', i, 2);
    return {
      ...p,
      needs: ['canadian workplace culture', 'professional network'].slice(0, 1 + (i % 2)),
      goals: ['Find work in my field', 'Build a professional network'],
    };
  }
  /**
   * Relationship r: mentee r mod mentees (so each mentee has about relationships/mentees of them, newest last),
   * a mentor hashed across all mentors (skewed towards the first), in the mentee's programme.
   * 75% COMPLETED, 8% WITHDRAWN, the rest ACTIVE (the newest ones).
   */
  relationship(r: number) {
    const { mentees, mentors, relationships } = this.size;
    const rand = rng(this.size.seed, 3, r);
    const menteeIndex = r % mentees;
    const round = Math.floor(r / mentees);
    const rounds = Math.ceil(relationships / mentees);
    const mentorIndex = Math.floor(Math.pow(rand(), 1.3) * mentors);
    const mentee = this.person('mentee', menteeIndex, 2);
    const roll = rand();
    const active = round === rounds - 1 && roll < 0.3;
    const status = active ? 'ACTIVE' : roll > 0.92 ? 'WITHDRAWN' : 'COMPLETED';
    // each round of relationships lies in its own stretch of the three years; active ones end at the epoch
    const span = Math.floor(1000 / rounds);
    const startDay = active
      ? EPOCH / DAY - 30 - Math.floor(rand() * 90)
      : EPOCH / DAY - 1060 + round * span + Math.floor(rand() * Math.max(1, span - 130));
    const startedOn = startDay * DAY;
    const endedOn = status === 'ACTIVE' ? null : startedOn + (status === 'WITHDRAWN' ? 40 : 120) * DAY;
    return {
      index: r,
      id: this.id('relationship', r),
      menteeIndex,
      mentorIndex,
      menteeId: this.id('mentee', menteeIndex),
      mentorId: this.id('mentor', mentorIndex),
      programmeId: mentee.programmeId,
      organizationId: mentee.organizationId,
      industryCode: mentee.industry[0],
      status,
      startedOn: isoDay(startedOn),
      endedOn: endedOn === null ? null : isoDay(endedOn),
      confirmedAt: new Date(startedOn - DAY),
      menteeEnrolledAt: new Date(startedOn - DAY - (3 + Math.floor(rand() * 40)) * DAY),
      matchId: this.id('request', r),
      goalId: this.id('goal', r),
    };
  }
  /** Meeting m: relationship m mod relationships, the k-th (k = m div relationships) a fortnight after the previous, all confirmed. */
  meeting(m: number) {
    const rel = this.relationship(m % this.size.relationships);
    const k = Math.floor(m / this.size.relationships);
    const rand = rng(this.size.seed, 4, m);
    const day = Date.parse(`${rel.startedOn}T00:00:00Z`) + (7 + 14 * k + Math.floor(rand() * 4)) * DAY;
    const occurredOn = isoDay(Math.min(day, EPOCH - DAY));
    const durationMinutes = [30, 45, 60, 60, 90, 120][Math.floor(rand() * 6)];
    return {
      id: this.id('meeting', m),
      relationship: rel,
      occurredOn,
      startTime: `${17 + Math.floor(rand() * 3)}:00`,
      durationMinutes,
      mode: MODES[Math.floor(rand() * 3)],
      topics: [
        ['Career planning', 'Interview practice', 'Licensing', 'Networking', 'Workplace culture'][
          Math.floor(rand() * 5)
        ],
      ],
      loggedByMentee: rand() < 0.6,
      confirmedAt: new Date(Date.parse(`${occurredOn}T21:00:00Z`)),
    };
  }
}

/** Runs `fn` over 0..count-1 in chunks, yielding rows lazily (for COPY streams). */
export function* range(count: number): Generator<number> {
  for (let i = 0; i < count; i++) yield i;
}

/** One step of a service's large seed: `total` units of work, `run` reports how many are done. */
export interface SeedStep {
  name: string;
  total: number;
  run(client: import('pg').PoolClient | import('pg').Client, tick: (done: number) => void): Promise<void>;
}
