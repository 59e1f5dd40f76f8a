/** Who the demo is about: its organisations, its programme, its staff (the mentors and mentees have files of their own). */
export const DEMO_PASSWORD = 'Tandem-demo-2026';
export const DEMO_PROGRAM = 'Career Bridge Mentoring';
export const DEMO_ORGS = [
  { key: 'northbridge', name: 'Northbridge Newcomer Services', city: 'Toronto', country: 'CA' },
  { key: 'lakeshore', name: 'Lakeshore Professional Association', city: 'Mississauga', country: 'CA' },
] as const;
export type OrgKey = (typeof DEMO_ORGS)[number]['key'];

export interface Person {
  key: string;
  email: string;
  name: string;
  org: OrgKey | null;
  roles: Array<'MENTOR' | 'MENTEE'>;
  staff?: Array<'COACH' | 'PROGRAMME_ADMIN' | 'ANALYST' | 'ADMIN'>;
}

export const D = 'demo.tandem.local';
export const DEMO_STAFF: Person[] = [
  {
    key: 'coachNorth',
    email: `priya.raman@${D}`,
    name: 'Priya Raman',
    org: 'northbridge',
    roles: ['MENTEE'],
    staff: ['COACH'],
  },
  {
    key: 'coachLake',
    email: `marc.tremblay@${D}`,
    name: 'Marc Tremblay',
    org: 'lakeshore',
    roles: ['MENTEE'],
    staff: ['COACH'],
  },
  {
    key: 'programAdmin',
    email: `helen.osei@${D}`,
    name: 'Helen Osei',
    org: null,
    roles: ['MENTEE'],
    staff: ['PROGRAMME_ADMIN'],
  },
  {
    key: 'analyst',
    email: `sam.whitfield@${D}`,
    name: 'Sam Whitfield',
    org: null,
    roles: ['MENTEE'],
    staff: ['ANALYST'],
  },
];
