import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS } from '@tandem/contracts';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { reporting } from '../src/service';
import { CPD_CATEGORY, World } from './fixtures';

let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [reporting] });
  world = new World(stack);
});
afterAll(async () => {
  await stack?.stop();
});

const LONG_TOPICS = [
  'Self-evaluation of leadership skills: providing direction, leading, fostering teamwork, championing change',
  'Coaching and developing people, motivating others, building relationships, acting with integrity, listening, communication',
  'Professional Advisory Board Member (PAC) at the local college',
];

async function scenario() {
  const org = await world.organization('Ontario Association of Certified Engineering Technicians and Technologists');
  const programme = await world.programme({ organizationId: org, name: 'OACETT Mentoring' });
  const mentorId = await world.person('Grace Hopper', { roles: ['MENTOR'], organizationId: org });
  const menteeId = await world.person('Alan Turing', {
    organizationId: org,
    email: 'alan.turing@example.org',
    phone: '+1 416 555 0199',
  });
  const rel = await world.relationship({ programmeId: programme.id, mentorId, menteeId, organizationId: org });
  const days = [
    '2026-05-18',
    '2026-06-01',
    '2026-06-15',
    '2026-06-29',
    '2026-07-13',
    '2026-07-27',
    '2026-08-17',
    '2026-08-31',
    '2026-09-14',
    '2026-09-28',
    '2026-10-12',
    '2026-10-26',
    '2026-11-02',
  ];
  const meetings = [];
  for (const [i, day] of days.entries()) {
    meetings.push(
      await world.confirm(
        world.meeting(rel, day, 60, {
          topics: i % 3 === 0 ? LONG_TOPICS : ['Update', 'Discussion of course'],
          homework:
            i === 0
              ? 'Self-evaluation of leadership skills (Internet Resources) – strengths and weaknesses'
              : `Homework ${i + 1}`,
        }),
      ),
    );
  }
  // a pending meeting (logged, not confirmed) and an amendment of the second meeting (60 -> 90 minutes)
  await stack.publish('MeetingLogged', {
    ...rel,
    meetingId: crypto.randomUUID(),
    loggedBy: menteeId,
    awaitingUserId: mentorId,
    occurredOn: '2026-11-09',
  });
  await world.confirm(
    world.meeting(rel, '2026-06-01', 90, {
      amendsMeetingId: meetings[1].meetingId,
      revision: 2,
      topics: ['Self-evaluation of leadership skills'],
      homework: 'Leadership opportunities with OACETT',
    }),
  );
  await world.settle();
  return { org, programme, mentorId, menteeId, rel, days };
}

interface Statement {
  verifiedHours: number;
  verifiedMeetings: number;
  pendingMeetings: number;
  byCategory: Array<{ category: string; hours: number; meetings: number }>;
  byRelationship: Array<{
    relationshipId: string;
    role: string;
    hours: number;
    meetings: number;
    pendingMeetings: number;
    counterpart: { id: string };
  }>;
  entries: Array<{ kind: string; occurredOn: string; hours: number; verified: boolean; sequence: number }>;
}
const STATEMENT = `query ($r: [_Any!]!, $from: LocalDate!, $to: LocalDate!) { _entities(representations: $r) { ... on User { cpdStatement(from: $from, to: $to) {
  verifiedHours verifiedMeetings pendingMeetings byCategory { category hours meetings }
  byRelationship { relationshipId role hours meetings pendingMeetings counterpart { id } } entries { kind occurredOn hours verified sequence } } } } }`;

const statementOf = (userId: string, as: ReturnType<typeof principal>, from = '2026-01-01', to = '2026-12-31') =>
  stack.subgraph<{ _entities: Array<{ cpdStatement: Statement | null }> }>(
    'reporting',
    STATEMENT,
    { r: [{ __typename: 'User', id: userId }], from, to },
    { as },
  );

const createExport = (
  userId: string,
  format: string,
  as: ReturnType<typeof principal>,
  from = '2026-01-01',
  to = '2026-12-31',
  language?: string,
) =>
  stack.gql<{
    createCpdExport: {
      link: { url: string; expiresAt: string } | null;
      errors: Array<{ field: string; code: string }>;
    };
  }>(
    `mutation ($i: CreateCpdExportInput!) { createCpdExport(input: $i) { link { url expiresAt format } errors { field code } } }`,
    { i: { userId, format, from, to, language } },
    { as },
  );

const download = (url: string) => fetch(new URL(new URL(url).pathname, stack.gateway.url));

describe('User.cpdStatement', () => {
  it('should total verified hours by category and relationship, count pending meetings, and list the entries', async () => {
    const s = await scenario();
    const res = await statementOf(s.mentorId, principal('MENTOR', null, s.mentorId));
    expect(res.errors).toBeUndefined();
    const st = res.data!._entities[0].cpdStatement!;
    expect(st.verifiedHours).toBe(13.5); // 13 one-hour meetings, one amended to 90 minutes
    expect(st.verifiedMeetings).toBe(13);
    expect(st.pendingMeetings).toBe(1);
    expect(st.byCategory).toEqual([{ category: CPD_CATEGORY, hours: 13.5, meetings: 13 }]);
    expect(st.byRelationship).toEqual([
      {
        relationshipId: s.rel.relationshipId,
        role: 'MENTOR',
        hours: 13.5,
        meetings: 13,
        pendingMeetings: 1,
        counterpart: { id: s.menteeId },
      },
    ]);
    expect(st.entries).toHaveLength(15);
    expect(st.entries.filter((e) => e.kind === 'REVERSAL')).toEqual([
      expect.objectContaining({ occurredOn: '2026-06-01', hours: -1, verified: true }),
    ]);

    const summer = (await statementOf(s.mentorId, principal('ADMIN'), '2026-06-01', '2026-06-30')).data!._entities[0]
      .cpdStatement!;
    expect([summer.verifiedHours, summer.verifiedMeetings]).toEqual([3.5, 3]); // June 1 (amended to 1.5 h), 15 and 29
  });

  it('should give the totals alone (as the dashboard asks) as the whole statement does, with cpdHours, in one statement', async () => {
    const s = await scenario();
    const TOTALS = `query ($r: [_Any!]!, $from: LocalDate!, $to: LocalDate!) { _entities(representations: $r) { ... on User {
      cpdHours cpdStatement(from: $from, to: $to) { ...Totals } } } }
      fragment Totals on CpdStatement { from hours: verifiedHours verifiedMeetings }`;
    type Totals = {
      _entities: Array<{
        cpdHours: number | null;
        cpdStatement: { from: string; hours: number; verifiedMeetings: number } | null;
      }>;
    };
    const sqlOf = (res: { headers?: Headers }) => Number(res.headers?.get(HEADERS.sqlStatements));
    const people = [s.mentorId, s.menteeId];
    const r = people.map((id) => ({ __typename: 'User', id }));
    const auditor = principal('ADMIN');
    const ledger = await Promise.all(people.map((id) => statementOf(id, auditor, '1900-01-01', '2999-12-31')));
    // the year, and June: its first meeting amended (an entry, its reversal and the new entry); a year without any
    for (const [from, to] of [
      ['2026-01-01', '2026-12-31'],
      ['2026-06-01', '2026-06-30'],
      ['2025-01-01', '2025-12-31'],
    ]) {
      const totals = await stack.subgraph<Totals>('reporting', TOTALS, { r, from, to }, { as: auditor });
      expect(totals.errors).toBeUndefined();
      for (const [i, id] of people.entries()) {
        const st = (await statementOf(id, auditor, from, to)).data!._entities[0].cpdStatement!;
        expect(totals.data!._entities[i]).toEqual({
          cpdHours: ledger[i].data!._entities[0].cpdStatement!.verifiedHours,
          cpdStatement: { from, hours: st.verifiedHours, verifiedMeetings: st.verifiedMeetings },
        });
      }
      expect(totals.data!._entities[0].cpdHours).toBe(13.5);
      // both people's hours and period totals in one statement; the whole statement reads the entries and the
      // pending meetings
      expect(sqlOf(totals)).toBe(1);
      expect(sqlOf(await statementOf(s.mentorId, auditor, from, to))).toBe(2);
    }
    // a period from before the calendar (no year 0) is refused for that field alone: everyone's hours still come
    const early = await stack.subgraph<Totals>(
      'reporting',
      TOTALS,
      { r, from: '0000-01-01', to: '2026-12-31' },
      { as: auditor },
    );
    expect(early.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['BAD_USER_INPUT', '_entities.0.cpdStatement'],
      ['BAD_USER_INPUT', '_entities.1.cpdStatement'],
    ]);
    expect(early.data!._entities.map((e) => e.cpdHours)).toEqual(
      ledger.map((l) => l.data!._entities[0].cpdStatement!.verifiedHours),
    );
    // still the person's and auditors' only
    const stranger = await stack.subgraph<Totals>(
      'reporting',
      TOTALS,
      { r: r.slice(0, 1), from: '2026-01-01', to: '2026-12-31' },
      { as: principal('MENTOR', null, s.menteeId) },
    );
    expect(stranger.data!._entities[0]).toEqual({ cpdHours: null, cpdStatement: null });
  });

  it('should page the entries of the period as a connection, in the order of the deprecated list', async () => {
    const s = await scenario();
    const as = principal('MENTOR', null, s.mentorId);
    const listed = (await statementOf(s.mentorId, as)).data!._entities[0].cpdStatement!.entries;
    const PAGE = `query ($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on User {
      cpdStatement(from: "2026-01-01", to: "2026-12-31") { entriesConnection(first: 4, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { kind occurredOn hours verified sequence } } } } } } }`;
    type Page = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: Statement['entries'][number] }>;
    };
    const paged: Statement['entries'] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const res = await stack.subgraph<{ _entities: Array<{ cpdStatement: { entriesConnection: Page } }> }>(
        'reporting',
        PAGE,
        { r: [{ __typename: 'User', id: s.mentorId }], after },
        { as },
      );
      expect(res.errors).toBeUndefined();
      const page: Page = res.data!._entities[0].cpdStatement.entriesConnection;
      total = page.totalCount;
      paged.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBe(15);
    expect(paged).toEqual(listed);
  });

  it('should show the statement to the person and auditors only', async () => {
    const s = await scenario();
    for (const p of [principal('PROGRAMME_ADMIN'), principal('ADMIN')])
      expect((await statementOf(s.mentorId, p)).data!._entities[0].cpdStatement?.verifiedHours).toBe(13.5);
    for (const p of [
      principal('MENTEE'),
      principal('ANALYST'),
      principal('COACH', s.org),
      principal('MENTOR', null, s.menteeId),
    ]) {
      expect((await statementOf(s.mentorId, p)).data!._entities[0].cpdStatement).toBeNull();
    }
  });
});

describe('CPD exports', () => {
  it('should produce the tracking sheet as CSV with one row per live meeting, names and mentee contact', async () => {
    const s = await scenario();
    const res = await createExport(s.mentorId, 'TRACKING_SHEET_CSV', principal('MENTOR', null, s.mentorId));
    expect(res.errors).toBeUndefined();
    const link = res.data!.createCpdExport.link!;
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:4000\/files\/[\w-]+\.[\w-]+$/);
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);
    const file = await download(link.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await file.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'Programme,Name of Mentor,Name of Mentee,Mentee Contact Information,Date,Time,Hours,Topics Discussed,Homework,Confirmed by Mentor,Confirmed by Mentee',
    );
    expect(lines).toHaveLength(14);
    expect(lines[1]).toBe(
      'OACETT Mentoring,Grace Hopper,Alan Turing,alan.turing@example.org; +1 416 555 0199,"May 18, 2026",6:00 pm – 7:00 pm,1.00,' +
        `"${LONG_TOPICS.join('; ')}",Self-evaluation of leadership skills (Internet Resources) – strengths and weaknesses,"May 18, 2026 20:00 UTC","May 18, 2026 21:00 UTC"`,
    );
    // the amended meeting appears once, with its new duration
    expect(lines.filter((l) => l.includes('"June 1, 2026"'))).toEqual([
      expect.stringContaining(
        '6:00 pm – 7:30 pm,1.50,Self-evaluation of leadership skills,Leadership opportunities with OACETT',
      ),
    ]);
  });

  it('should write the tracking sheet and the letter in Canadian French when asked: words, dates, times and decimals', async () => {
    const s = await scenario();
    const me = principal('MENTOR', null, s.mentorId);
    const csv = (await createExport(s.mentorId, 'TRACKING_SHEET_CSV', me, undefined, undefined, 'fr-CA')).data!
      .createCpdExport.link!;
    const lines = (await (await download(csv.url)).text()).trim().split('\n');
    expect(lines[0]).toBe(
      'Programme,Nom du mentor,Nom de la personne mentorée,Coordonnées de la personne mentorée,Date,Heure,Heures,' +
        'Sujets abordés,Devoirs,Confirmée par le mentor,Confirmée par la personne mentorée',
    );
    expect(lines[1]).toContain(',18 mai 2026,18 h – 19 h,"1,00",');
    expect(lines[1]).toContain(',18 mai 2026 20 h 00 UTC,18 mai 2026 21 h 00 UTC');

    const pdf = (await createExport(s.mentorId, 'TRACKING_SHEET_PDF', me, undefined, undefined, 'fr-CA')).data!
      .createCpdExport.link!;
    const dir = mkdtempSync(join(os.tmpdir(), 'tandem-pdf-'));
    writeFileSync(join(dir, 'fiche.pdf'), Buffer.from(await (await download(pdf.url)).arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'fiche.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Fiche de suivi de la relation de mentorat');
    expect(text).toMatch(/Nom du mentor :\s+Grace Hopper/);
    expect(text).toContain('Total : 13 rencontres, 13,50 heures');
    expect(text).toMatch(/page 1 de \d/);
    const info = execFileSync('pdfinfo', [join(dir, 'fiche.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Fiche de suivi de la relation de mentorat/);

    const letter = (await createExport(s.mentorId, 'CONFIRMATION_LETTER_PDF', me, undefined, undefined, 'fr-CA')).data!
      .createCpdExport.link!;
    writeFileSync(join(dir, 'attestation.pdf'), Buffer.from(await (await download(letter.url)).arrayBuffer()));
    const words = execFileSync('pdftotext', [join(dir, 'attestation.pdf'), '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(words).toContain('Attestation d’heures de mentorat');
    expect(words).toContain('À qui de droit,');
    expect(words).toContain('Grace Hopper a agi comme mentor au programme OACETT Mentoring');
    expect(words).toMatch(/Heures confirmées 13,50/);
    expect(words).toContain('chaîne de hachage vérifiée intacte');

    const refused = await createExport(s.mentorId, 'TRACKING_SHEET_CSV', me, undefined, undefined, 'de');
    expect(refused.data!.createCpdExport).toEqual({
      link: null,
      errors: [{ field: 'input.language', code: 'UNSUPPORTED_LANGUAGE' }],
    });
  });

  it('should produce a tracking sheet PDF that opens and lists every meeting', async () => {
    const s = await scenario();
    const link = (await createExport(s.menteeId, 'TRACKING_SHEET_PDF', principal('PROGRAMME_ADMIN'))).data!
      .createCpdExport.link!;
    const file = await download(link.url);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await file.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(os.tmpdir(), 'tandem-pdf-'));
    writeFileSync(join(dir, 'sheet.pdf'), pdf);
    if (process.env.KEEP_PDFS) writeFileSync(join(outDir(), 'tracking-sheet.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'sheet.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Mentoring Relationship Tracking Sheet');
    expect(text).toMatch(/Name of Mentor:\s+Grace Hopper/);
    expect(text).toMatch(/Name of Mentee:\s+Alan Turing/);
    expect(text).toContain('alan.turing@example.org');
    for (const day of s.days) {
      const [y, m, d] = day.split('-').map(Number);
      expect(text).toContain(
        `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]} ${d}, ${y}`,
      );
    }
    expect(text).toContain('Total: 13 meetings, 13.50 hours');
  });

  it("should produce a confirmation letter from the programme's organisation stating the hours", async () => {
    const s = await scenario();
    const link = (
      await createExport(s.mentorId, 'CONFIRMATION_LETTER_PDF', principal('ADMIN'), '2026-05-01', '2026-06-30')
    ).data!.createCpdExport.link!;
    const pdf = Buffer.from(await (await download(link.url)).arrayBuffer());
    const dir = mkdtempSync(join(os.tmpdir(), 'tandem-pdf-'));
    writeFileSync(join(dir, 'letter.pdf'), pdf);
    if (process.env.KEEP_PDFS) writeFileSync(join(outDir(), 'letter.pdf'), pdf);
    const text = execFileSync('pdftotext', [join(dir, 'letter.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Ontario Association of Certified Engineering Technicians and Technologists');
    expect(text).toContain('Grace Hopper served as a mentor in the OACETT Mentoring programme');
    expect(text).toContain('mentored 4.50 hours over 4 meetings');
    expect(text).toContain('verified intact');
  });

  it("should refuse links to others' evidence, and refuse tampered or foreign links", async () => {
    const s = await scenario();
    for (const p of [principal('MENTEE'), principal('ANALYST'), principal('COACH', s.org)]) {
      expect((await createExport(s.mentorId, 'TRACKING_SHEET_CSV', p)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const bad = await createExport(s.mentorId, 'TRACKING_SHEET_CSV', principal('ADMIN'), '2026-12-31', '2026-01-01');
    expect(bad.data!.createCpdExport).toEqual({ link: null, errors: [{ field: 'input.to', code: 'BEFORE_FROM' }] });
    const { url } = (await createExport(s.mentorId, 'TRACKING_SHEET_CSV', principal('MENTOR', null, s.mentorId))).data!
      .createCpdExport.link!;
    const [body, sig] = new URL(url).pathname.split('/').pop()!.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, userId: s.menteeId })).toString('base64url');
    expect((await fetch(new URL(`/files/${forged}.${sig}`, stack.gateway.url))).status).toBe(404);
    // straight to reporting without the gateway's secret
    expect((await fetch(new URL(new URL(url).pathname, stack.services.reporting.url))).status).toBe(403);
  });
});

const MENTORS = {
  arabic: 'فاطمة الزهراء',
  chinese: '王小明',
  russian: 'Дмитрий Иванов',
  hindi: 'प्रिया शर्मा',
};
const TOPICS = {
  arabic: 'التواصل المهني',
  chinese: '职业发展',
  russian: 'Карьерный рост',
  hindi: 'नेतृत्व कौशल',
};

/** pdftotext marks right-to-left runs with embedding controls; a reader does not see them. */
const visible = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

/** Where the files go: KEEP_PDFS when set (to look at them), else a temporary folder. */
function outDir(): string {
  if (!process.env.KEEP_PDFS) return mkdtempSync(join(os.tmpdir(), 'tandem-pdf-'));
  mkdirSync(process.env.KEEP_PDFS, { recursive: true });
  return process.env.KEEP_PDFS;
}

async function menteeWithMentorsInFourScripts() {
  const org = await world.organization('Agence de mentorat des nouveaux arrivants');
  const programme = await world.programme({ organizationId: org, name: 'Mentorat professionnel' });
  const menteeId = await world.person('Éloïse Tremblay-Lévesque', {
    organizationId: org,
    email: 'eloise@example.org',
  });
  for (const script of Object.keys(MENTORS) as Array<keyof typeof MENTORS>) {
    const mentorId = await world.person(MENTORS[script], { roles: ['MENTOR'], organizationId: org });
    const rel = await world.relationship({ programmeId: programme.id, mentorId, menteeId, organizationId: org });
    await world.confirm(world.meeting(rel, '2026-05-18', 60, { topics: [TOPICS[script]], homework: null }));
  }
  await world.settle();
  return menteeId;
}

describe('PDFs with names in any script', () => {
  it('should print mentors named in Arabic, Chinese, Russian and Hindi so that each name extracts as written', async () => {
    const menteeId = await menteeWithMentorsInFourScripts();
    const pdf = await world.exportFile(menteeId, 'TRACKING_SHEET_PDF', principal('MENTEE', null, menteeId));
    const dir = outDir();
    const file = join(dir, 'tracking-sheet-scripts.pdf');
    writeFileSync(file, pdf);

    const text = visible(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
    for (const script of Object.keys(MENTORS) as Array<keyof typeof MENTORS>) {
      // the name on the label's line, and the topic in its cell
      expect(text).toContain(`Name of Mentor: ${MENTORS[script]}`);
      expect(text).toContain(TOPICS[script]);
    }
    expect(text).toContain('Name of Mentee: Éloïse Tremblay-Lévesque');

    // every font is embedded as a subset: Noto from npm, nothing left to the reader's machine
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    const names = fonts.map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
    expect(new Set(names)).toEqual(
      new Set(['NotoSans-Regular', 'NotoSans-Bold', 'NotoNaskhArabic', 'NotoSansHans-Regular']),
    );
    for (const line of fonts) expect(line).toMatch(/ yes yes /); // embedded, subset
    // four pages (one per relationship) with a Chinese font that is 8 MB whole
    expect(pdf.length).toBeLessThan(150_000);

    // page 1 renders without complaint (look at it: KEEP_PDFS=dir keeps tracking-sheet-scripts-1.png there)
    const render = execFileSync(
      'pdftoppm',
      ['-r', '110', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'tracking-sheet-scripts-1')],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(render).toBe('');
    expect(statSync(join(dir, 'tracking-sheet-scripts-1.png')).size).toBeGreaterThan(10_000);
  });

  it("should write a confirmation letter with the person's name in their own script", async () => {
    const org = await world.organization('جمعية المرشدين');
    const programme = await world.programme({ organizationId: org, name: 'Наставничество' });
    const mentorId = await world.person('王小明', { roles: ['MENTOR'], organizationId: org });
    const menteeId = await world.person('प्रिया शर्मा', { organizationId: org });
    const rel = await world.relationship({ programmeId: programme.id, mentorId, menteeId, organizationId: org });
    await world.confirm(world.meeting(rel, '2026-05-18', 90));
    await world.settle();
    const pdf = await world.exportFile(mentorId, 'CONFIRMATION_LETTER_PDF', principal('MENTOR', null, mentorId));
    const file = join(outDir(), 'letter-scripts.pdf');
    writeFileSync(file, pdf);
    const text = visible(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).replace(/\s+/g, ' ');
    expect(text).toContain('This letter confirms that 王小明 served as a mentor in the Наставничество programme');
    expect(text).toContain('جمعية المرشدين');
    expect(text).toContain('mentored 1.50 hours over 1 meeting');
  });
});
