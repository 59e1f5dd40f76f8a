/**
 * Documents in the member's language (issue 22): a tracking sheet or confirmation letter asked for without a
 * language is written in the language the person saved on their account (identity's UserLanguageChanged), else
 * in the request's (the gateway's negotiated Accept-Language), else in English; an older language event arriving
 * late changes nothing. The PDFs are tagged (structure tree, language, title shown).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { reporting } from '../src/service';
import { formatDay } from '../src/modules/exports/export-format';
import { exportText } from '../src/modules/exports/export-messages';
import { renderIssuedLetterPdf } from '../src/modules/letters/issued-letter.pdf';
import { World } from './fixtures';

let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [reporting] });
  world = new World(stack);
});
afterAll(async () => {
  await stack?.stop();
});

async function pair() {
  const org = await world.organization('Réseau des technologues');
  const programme = await world.programme({ organizationId: org, name: 'Mentorat OACETT' });
  const mentorId = await world.person('Grace Hopper', { roles: ['MENTOR'], organizationId: org });
  const menteeId = await world.person('Alan Turing', { organizationId: org });
  const rel = await world.relationship({ programmeId: programme.id, mentorId, menteeId, organizationId: org });
  for (const days of [40, 20]) await world.confirm(world.meeting(rel, daysFromToday(-days), 90));
  await world.settle();
  return { mentorId, menteeId };
}

const CREATE = `mutation ($i: CreateCpdExportInput!) { createCpdExport(input: $i) { link { url } errors { field code } } }`;

/** Asks for a document through the gateway, as the person, with the browser's Accept-Language. */
async function pdfText(userId: string, format: string, acceptLanguage?: string) {
  const token = await stack.token(principal('MENTOR', null, userId as ReturnType<typeof crypto.randomUUID>));
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}),
    },
    body: JSON.stringify({
      query: CREATE,
      variables: { i: { userId, format, from: daysFromToday(-60), to: daysFromToday(-1) } },
    }),
  });
  const body = (await res.json()) as { data: { createCpdExport: { link: { url: string } | null; errors: unknown[] } } };
  expect(body.data.createCpdExport.errors).toEqual([]);
  const url = body.data.createCpdExport.link!.url;
  const file = await fetch(new URL(new URL(url).pathname, stack.gateway.url));
  const pdf = Buffer.from(await file.arrayBuffer());
  const dir = mkdtempSync(join(os.tmpdir(), 'tandem-lang-'));
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  const text = execFileSync('pdftotext', [join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return { pdf, text, path: join(dir, 'doc.pdf') };
}

describe('documents in the member’s language', () => {
  it('should write the letter in the language the person saved, whatever the request’s language', async () => {
    const { mentorId } = await pair();
    await stack.publish('UserLanguageChanged', {
      userId: mentorId,
      language: 'fr-CA',
      changedAt: new Date().toISOString(),
    });
    // an older choice arriving late changes nothing
    await stack.publish('UserLanguageChanged', {
      userId: mentorId,
      language: 'en',
      changedAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    await world.settle();
    const letter = await pdfText(mentorId, 'CONFIRMATION_LETTER_PDF', 'en-CA,en;q=0.9');
    expect(letter.text).toContain('Attestation d’heures de mentorat');
    expect(letter.text).toContain('Grace Hopper a agi comme mentor au programme Mentorat OACETT');
    expect(letter.text).toMatch(/Heures confirmées 3,00/);
    expect(letter.text).not.toContain('Confirmation of mentoring hours');
  });

  it('should follow the request’s language for a person who saved none, and English without one', async () => {
    const { menteeId } = await pair();
    const french = await pdfText(menteeId, 'TRACKING_SHEET_PDF', 'fr-CA,fr;q=0.9');
    expect(french.text).toContain('Fiche de suivi de la relation de mentorat');
    expect(french.text).toContain('Total : 2 rencontres, 3,00 heures');
    const english = await pdfText(menteeId, 'TRACKING_SHEET_PDF');
    expect(english.text).toContain('Mentoring Relationship Tracking Sheet');
    expect(english.text).toContain('Total: 2 meetings, 3.00 hours');
  });
});

describe('tagged PDFs', () => {
  it('should mark the letter and the tracking sheet as tagged, with their language, title and structure', async () => {
    const { mentorId } = await pair();
    for (const [format, lang, heading] of [
      ['CONFIRMATION_LETTER_PDF', 'fr-CA', 'Attestation d’heures de mentorat'],
      ['TRACKING_SHEET_PDF', 'en-CA', 'Mentoring Relationship Tracking Sheet'],
    ] as const) {
      const doc = await pdfText(mentorId, format, lang === 'fr-CA' ? 'fr-CA' : 'en');
      // the catalog (pdfkit writes it uncompressed): MarkInfo Marked, the language, the structure tree
      const raw = doc.pdf.toString('latin1');
      const catalog = /\/Type \/Catalog[\s\S]*?>>\nendobj/.exec(raw)![0];
      expect(catalog).toContain('/MarkInfo');
      expect(catalog).toContain(`/Lang (${lang})`);
      expect(catalog).toContain('/StructTreeRoot');
      expect(catalog).toContain('/ViewerPreferences');
      expect(raw).toContain('/DisplayDocTitle true'); // viewers show the title, not the file name
      const info = execFileSync('pdfinfo', [doc.path], { encoding: 'utf8' });
      expect(info).toMatch(/Tagged:\s+yes/);
      // the structure tree in reading order: the heading first, then paragraphs and a table with header cells
      const tree = execFileSync('pdfinfo', ['-struct-text', doc.path], { encoding: 'utf8' });
      expect(tree).toMatch(/^\s*Document\b/m);
      expect(tree.indexOf('H1')).toBeGreaterThan(-1);
      expect(tree).toContain(heading);
      expect(tree.indexOf(heading)).toBeLessThan(tree.indexOf('Table'));
      expect(tree).toMatch(/\bTH\b/);
      expect(tree).toMatch(/\bTD\b/);
      expect(tree).toMatch(/\bP\b/);
    }
  });
});

describe('issued letters in the member’s language', () => {
  it('should write an issued letter in French: words, dates and hours, tagged with its language', async () => {
    const pdf = await renderIssuedLetterPdf(
      {
        reference: 'TL-0123456789',
        verifyUrl: 'https://tandem.example/verify/TL-0123456789',
        organizationName: 'Réseau des technologues',
        programmeName: 'Mentorat OACETT',
        personName: 'Grace Hopper',
        role: 'MENTOR',
        from: daysFromToday(-60),
        to: daysFromToday(-1),
        hours: 3.5,
        meetings: 2,
        issuedOn: daysFromToday(0),
        signatoryName: 'Ada Lovelace',
        signatoryRole: 'Coordonnatrice',
        typedSignature: 'Ada Lovelace',
      },
      exportText('fr-CA'),
    );
    const dir = mkdtempSync(join(os.tmpdir(), 'tandem-issued-'));
    writeFileSync(join(dir, 'lettre.pdf'), pdf);
    const text = execFileSync('pdftotext', [join(dir, 'lettre.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Attestation d’heures de mentorat');
    expect(text).toContain('Réseau des technologues atteste que Grace Hopper a agi comme mentor à son programme');
    expect(text).toContain('3,50 heures en 2 rencontres');
    expect(text).toContain(`Du ${formatDay(daysFromToday(-60), 'fr-CA')} au`);
    expect(text).toContain('Référence TL-0123456789');
    expect(text).not.toMatch(/\b(confirms|Sincerely|Reference)\b/);
    expect(pdf.toString('latin1')).toContain('/Lang (fr-CA)');
  });
});
