/**
 * Audit supporting documents, through the gateway as the apps call it: the selected member uploads a real PDF and a
 * PNG; a file renamed `.pdf` that is HTML or an executable is refused (UNSUPPORTED_TYPE) and an oversized one too
 * (TOO_LARGE), each leaving no row and no file; only the member and the staff who audit their body download them,
 * as attachments; a file changed on disk is refused (CHECKSUM_MISMATCH); the member removes a document until they
 * submit their answer; and after the outcome the member sees which meeting was denied and why.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import {
  addDays,
  creditMeetings,
  adminEnv,
  buildWorld,
  call,
  registerStaff,
  type Person,
  type World,
} from '../support/world';
import { sampleExe, samplePdf, samplePng } from '../support/sample-files';

let stack: Stack;
let world: World;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let coordinator: Person;
let otherCoordinator: Person;
let selectionId: string;
let mentorSelectionId: string;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@audit-documents.test`;
const storage = mkdtempSync(join(os.tmpdir(), 'tandem-audit-documents-'));
const E = 'errors { field code message }';

const base = () => new URL(stack.gateway.url).origin;
async function upload(
  who: Person | null,
  selection: string,
  name: string,
  bytes: Buffer,
  contentType = 'application/pdf',
) {
  const res = await fetch(`${base()}/files/audit-documents/selections/${selection}`, {
    method: 'POST',
    headers: {
      ...(who ? { authorization: `Bearer ${who.token}` } : {}),
      'content-type': contentType,
      'x-filename': encodeURIComponent(name),
    },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as { document: Doc | null; errors: Array<{ code: string }> } };
}
type Doc = { id: string; filename: string; mediaType: string; sizeBytes: number; sha256: string; downloadPath: string };
async function download(who: Person | null, id: string) {
  const res = await fetch(`${base()}/files/audit-documents/${id}`, {
    headers: who ? { authorization: `Bearer ${who.token}` } : {},
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}
const SELECTIONS = `{ myAuditSelectionsConnection(first: 5) { edges { node { id memberAnswer answeredAt outcome
  documents { id filename mediaType sizeBytes } meetings { meetingId answer note } } } } }`;
const rowsOf = async (selection: string) =>
  (
    await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM reporting.audit_document WHERE selection_id = $1`, [
      selection,
    ])
  )[0].n;
const filesOnDisk = () => readdirSync(storage).length;

beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships, reporting]);
  const env = adminEnv(ADMIN_EMAIL);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, matching, relationships, reporting],
    env: { ...env, reporting: { AUDIT_DOCUMENTS_DIR: storage } },
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  world = await buildWorld(stack, ADMIN_EMAIL);
  // two meetings confirmed: the audit will find one confirmed by the counterpart and one denied
  await creditMeetings(stack, world, [world.meetingId, world.disputeMeetingId]);
  coordinator = await registerStaff(stack, world.admin, 'Chris Coordinator', ['PROGRAMME_ADMIN'], world.orgA);
  const orgC = (
    await call(
      stack,
      `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { ${E} organization { id } } }`,
      { input: { name: `Org C ${randomUUID().slice(0, 6)}`, city: 'Ottawa', country: 'CA' } },
      world.admin.token,
    )
  ).createOrganization.organization.id as string;
  otherCoordinator = await registerStaff(stack, world.admin, 'Olive Other', ['PROGRAMME_ADMIN'], orgC);
  await stack.settle();
  const opened = await call(
    stack,
    `mutation ($input: OpenAuditCycleInput!) { openAuditCycle(input: $input) { ${E} audit { selections { id person { id } } } } }`,
    {
      input: {
        from: addDays(world.today, -30),
        to: world.today,
        sampleRate: 1,
        seed: 'documents',
        strategy: 'UNIFORM',
        programmeId: world.programmeId,
      },
    },
    world.admin.token,
  );
  const selections = opened.openAuditCycle.audit.selections as Array<{ id: string; person: { id: string } }>;
  selectionId = selections.find((s) => s.person.id === world.mentee.userId)!.id;
  mentorSelectionId = selections.find((s) => s.person.id === world.mentor.userId)!.id;
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
  rmSync(storage, { recursive: true, force: true });
});

describe('audit supporting documents', () => {
  let pdf: Doc;
  let png: Doc;

  it('should store a real PDF and a PNG for the selected member, typed by their content, with their checksum', async () => {
    const a = await upload(world.mentee, selectionId, 'Meeting log (March).pdf', samplePdf());
    expect(a.status).toBe(201);
    expect(a.body.errors).toEqual([]);
    pdf = a.body.document!;
    expect(pdf).toMatchObject({
      filename: 'Meeting log (March).pdf',
      mediaType: 'application/pdf',
      sizeBytes: samplePdf().length,
    });
    // a PNG sent as "notes.pdf" with a PDF Content-Type is a PNG: named and served as one
    const b = await upload(world.mentee, selectionId, '../../etc/notes.pdf', samplePng(), 'application/pdf');
    expect(b.status).toBe(201);
    png = b.body.document!;
    expect(png).toMatchObject({ filename: 'notes.png', mediaType: 'image/png' });
    expect(await rowsOf(selectionId)).toBe(2);
    expect(filesOnDisk()).toBe(2);

    const data = await call(stack, SELECTIONS, {}, world.mentee.token);
    const mine = data.myAuditSelectionsConnection.edges[0].node;
    expect(mine.documents.map((d: Doc) => d.filename)).toEqual(['Meeting log (March).pdf', 'notes.png']);
  });

  it('should refuse HTML or an executable renamed .pdf, and an oversized file, leaving no row and no file', async () => {
    const html = await upload(
      world.mentee,
      selectionId,
      'evidence.pdf',
      Buffer.from('<!doctype html><script>alert(1)</script>'),
    );
    expect(html.status).toBe(415);
    expect(html.body.errors.map((e) => e.code)).toEqual(['UNSUPPORTED_TYPE']);
    const exe = await upload(world.mentee, selectionId, 'evidence.pdf', sampleExe());
    expect(exe.status).toBe(415);
    expect(exe.body.errors.map((e) => e.code)).toEqual(['UNSUPPORTED_TYPE']);
    const big = Buffer.concat([samplePdf(), Buffer.alloc(10 * 1024 * 1024)]);
    const oversize = await upload(world.mentee, selectionId, 'scan.pdf', big);
    expect(oversize.status).toBe(413);
    expect(oversize.body.errors.map((e) => e.code)).toEqual(['TOO_LARGE']);
    const empty = await upload(world.mentee, selectionId, 'empty.pdf', Buffer.alloc(0));
    expect(empty.body.errors.map((e) => e.code)).toEqual(['EMPTY']);
    expect(await rowsOf(selectionId)).toBe(2);
    expect(filesOnDisk()).toBe(2);
  });

  it("should refuse uploads to someone else's selection and without a session", async () => {
    expect((await upload(world.otherMentee, selectionId, 'x.pdf', samplePdf())).status).toBe(404);
    expect((await upload(world.mentee, mentorSelectionId, 'x.pdf', samplePdf())).status).toBe(404);
    expect((await upload(null, selectionId, 'x.pdf', samplePdf())).status).toBe(401);
    expect(await rowsOf(mentorSelectionId)).toBe(0);
    expect(filesOnDisk()).toBe(2);
  });

  it('should serve a document as an attachment to the member and the staff auditing their body only', async () => {
    for (const who of [world.mentee, world.admin, coordinator]) {
      const { res, bytes } = await download(who, pdf.id);
      expect(res.status).toBe(200);
      expect(bytes.equals(samplePdf())).toBe(true);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Meeting log \(March\)\.pdf"/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    for (const who of [world.mentor, world.otherMentee, otherCoordinator, world.coachA]) {
      const { res } = await download(who, pdf.id);
      expect(res.status).toBe(404);
    }
    expect((await download(null, pdf.id)).res.status).toBe(401);
    // the list follows the same rule: another body's staff get null, the body's staff the documents
    const q = `query ($id: ID!) { audit(id: $id) { selections { id documents { id } } } }`;
    const auditId = (
      await stack.sql<{ id: string }>(`SELECT audit_id AS id FROM reporting.audit_selection WHERE id = $1`, [
        selectionId,
      ])
    )[0].id;
    const listed = async (who: Person) =>
      (
        (await call(stack, q, { id: auditId }, who.token)).audit.selections as Array<{
          id: string;
          documents: unknown[] | null;
        }>
      ).find((s) => s.id === selectionId)!.documents;
    expect(await listed(coordinator)).toHaveLength(2);
    expect(await listed(otherCoordinator)).toBeNull();
  });

  it('should refuse to serve a document whose file changed on disk', async () => {
    const [{ key }] = await stack.sql<{ key: string }>(
      `SELECT storage_key AS key FROM reporting.audit_document WHERE id = $1`,
      [png.id],
    );
    const tampered = samplePng([200, 10, 10]);
    writeFileSync(join(storage, key), tampered);
    const { res, bytes } = await download(world.mentee, png.id);
    expect(res.status).toBe(409);
    expect(JSON.parse(bytes.toString('utf8')).errors[0].code).toBe('CHECKSUM_MISMATCH');
  });

  it('should let the member remove a document until they submit their answer, then keep the rest final', async () => {
    const removed = await call(
      stack,
      `mutation ($id: ID!) { removeAuditDocument(documentId: $id) { ${E} selection { id } } }`,
      { id: png.id },
      world.mentee.token,
    );
    expect(removed.removeAuditDocument.selection.id).toBe(selectionId);
    expect(await rowsOf(selectionId)).toBe(1);
    expect(filesOnDisk()).toBe(1);
    // someone else cannot remove the member's document
    const other = await stack.gql(
      `mutation ($id: ID!) { removeAuditDocument(documentId: $id) { ${E} } }`,
      { id: pdf.id },
      { token: world.otherMentee.token },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const answered = await call(
      stack,
      `mutation ($input: SubmitAuditAnswerInput!) { submitAuditAnswer(input: $input) { ${E} selection { memberAnswer answeredAt } } }`,
      { input: { selectionId, answer: '  The attached log is signed by my mentor.  ' } },
      world.mentee.token,
    );
    expect(answered.submitAuditAnswer.selection.memberAnswer).toBe('The attached log is signed by my mentor.');
    const again = await stack.gql<{ removeAuditDocument: { errors: Array<{ code: string }> } }>(
      `mutation ($id: ID!) { removeAuditDocument(documentId: $id) { ${E} } }`,
      { id: pdf.id },
      { token: world.mentee.token },
    );
    expect(again.data!.removeAuditDocument.errors.map((e) => e.code)).toEqual(['ANSWER_SUBMITTED']);
    const late = await upload(world.mentee, selectionId, 'late.pdf', samplePdf('late'));
    expect(late.body.errors.map((e) => e.code)).toEqual(['ANSWER_SUBMITTED']);
    expect(await rowsOf(selectionId)).toBe(1);
    expect(filesOnDisk()).toBe(1);
  });

  it('should reverse the denied meeting in the ledger after a partly verified outcome, and show the member why', async () => {
    const period = { from: addDays(world.today, -30), to: world.today };
    const STATEMENT = `query ($from: LocalDate!, $to: LocalDate!) { me { cpdHours cpdStatement(from: $from, to: $to) { verifiedHours verifiedMeetings } } }`;
    expect((await call(stack, STATEMENT, period, world.mentee.token)).me.cpdStatement).toEqual({
      verifiedHours: 2,
      verifiedMeetings: 2,
    });
    await call(
      stack,
      `mutation ($input: AnswerAuditVerificationInput!) { answerAuditVerification(input: $input) { ${E} } }`,
      {
        input: {
          selectionId,
          answers: [
            { meetingId: world.meetingId, answer: 'CONFIRMED' },
            { meetingId: world.disputeMeetingId, answer: 'DENIED', note: 'We did not meet a second time that day.' },
          ],
        },
      },
      world.mentor.token,
    );
    // before the outcome the counterpart's note stays with the auditors
    const noteOf = (node: { meetings: Array<{ meetingId: string; answer: string; note: string | null }> }) =>
      node.meetings.find((m) => m.meetingId === world.disputeMeetingId);
    let mine = (await call(stack, SELECTIONS, {}, world.mentee.token)).myAuditSelectionsConnection.edges[0].node;
    expect(noteOf(mine)).toEqual({ meetingId: world.disputeMeetingId, answer: 'DENIED', note: null });
    const decided = await call(
      stack,
      `mutation ($input: RecordAuditOutcomeInput!) { recordAuditOutcome(input: $input) { ${E} selection { outcome verifiedHours } } }`,
      { input: { selectionId, notes: 'One meeting denied by the counterpart.' } },
      coordinator.token,
    );
    expect(decided.recordAuditOutcome.selection).toEqual({ outcome: 'PARTIALLY_VERIFIED', verifiedHours: 1 });
    mine = (await call(stack, SELECTIONS, {}, world.mentee.token)).myAuditSelectionsConnection.edges[0].node;
    expect(mine.outcome).toBe('PARTIALLY_VERIFIED');
    expect(noteOf(mine)).toEqual({
      meetingId: world.disputeMeetingId,
      answer: 'DENIED',
      note: 'We did not meet a second time that day.',
    });
    // the statement counts what the audit accepted; the chain stays intact (a reversal appended, nothing edited)
    const after = (await call(stack, STATEMENT, period, world.mentee.token)).me;
    expect(after.cpdHours).toBe(1);
    expect(after.cpdStatement).toEqual({ verifiedHours: 1, verifiedMeetings: 1 });
    const verified = await call(
      stack,
      `query ($id: ID!) { verifyCpdLedger(userId: $id) { intact entries } }`,
      { id: world.mentee.userId },
      world.admin.token,
    );
    expect(verified.verifyCpdLedger).toEqual({ intact: true, entries: 3 });
    // the counterpart's own hours are theirs: unchanged
    expect((await call(stack, `{ me { cpdHours } }`, {}, world.mentor.token)).me.cpdHours).toBe(2);

    // a confirmation letter downloaded afterwards states the hours the audit accepted, not those claimed
    const created = await call(
      stack,
      `mutation ($i: CreateCpdExportInput!) { createCpdExport(input: $i) { link { url } ${E} } }`,
      { i: { userId: world.mentee.userId, format: 'CONFIRMATION_LETTER_PDF', ...period } },
      world.mentee.token,
    );
    const letter = await fetch(new URL(new URL(created.createCpdExport.link.url).pathname, stack.gateway.url));
    expect(letter.status).toBe(200);
    const file = join(storage, '..', `letter-after-outcome-${randomUUID()}.pdf`);
    writeFileSync(file, Buffer.from(await letter.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    if (process.env.KEEP_PDFS)
      writeFileSync(join(process.env.KEEP_PDFS, 'letter-after-outcome.pdf'), readFileSync(file));
    rmSync(file);
    expect(text).toMatch(/ 1(\.00)? hours? over 1 meeting\b/);
    expect(text).not.toMatch(/ 2(\.00)? hours over 2 meetings/);
    // and says which meeting was not counted, and why
    expect(text).toMatch(/1 further meeting of the period \(1(\.00)? hours\) is not counted: an audit decided on /);

    // the tracking sheet lists the denied meeting under the total, not in it
    const sheetLink = await call(
      stack,
      `mutation ($i: CreateCpdExportInput!) { createCpdExport(input: $i) { link { url } ${E} } }`,
      { i: { userId: world.mentee.userId, format: 'TRACKING_SHEET_PDF', ...period } },
      world.mentee.token,
    );
    const sheet = await fetch(new URL(new URL(sheetLink.createCpdExport.link.url).pathname, stack.gateway.url));
    const sheetFile = join(storage, '..', `sheet-after-outcome-${randomUUID()}.pdf`);
    writeFileSync(sheetFile, Buffer.from(await sheet.arrayBuffer()));
    const sheetText = execFileSync('pdftotext', [sheetFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    if (process.env.KEEP_PDFS)
      writeFileSync(join(process.env.KEEP_PDFS, 'sheet-after-outcome.pdf'), readFileSync(sheetFile));
    rmSync(sheetFile);
    expect(sheetText).toMatch(/Total: 1 meeting, 1(\.00)? hours/);
    expect(sheetText).toContain('Not counted: denied in an audit');
    expect(sheetText).toMatch(/taken back by the audit decided on .+; the other participant did not confirm/);
  });
});
