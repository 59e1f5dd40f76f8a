import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  FieldErrors,
  Forbidden,
  NotFound,
  hasRole,
  isUuid,
  outcome,
  refuse,
  requirePrincipal,
  requireRole,
  type Database,
  type Outcome,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { Principal } from '@tandem/contracts';
import type { ExportRepository } from '../exports/export.repository';
import type { LetterRepository, LetterRow } from './letter.repository';
import { isExportLanguage } from '../exports/export-format';
import { exportText } from '../exports/export-messages';
import { renderIssuedLetterPdf } from './issued-letter.pdf';
import {
  Letter,
  LetterStatus,
  LetterVerification,
  toLetter,
  type ApproveLetterInput,
  type LetterReasonInput,
  type RequestLetterInput,
} from './letter.type';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const REFERENCE = /^TL-[0-9A-Z]{10}$/;
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random, unguessable reference (Crockford base 32): the verification page's key. */
export function newReference(): string {
  const bytes = randomBytes(10);
  return `TL-${[...bytes].map((b) => REFERENCE_ALPHABET[b % 32]).join('')}`;
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Letters the organisation issues: members request them; an ADMIN, or a PROGRAMME_ADMIN of an organisation running
 * the programme, approves (issuing the signed PDF whose hash is recorded), declines or revokes; anyone can verify.
 */
export class LetterService {
  constructor(
    private readonly letters: LetterRepository,
    private readonly exports: ExportRepository,
    private readonly db: Database,
    private readonly config: { webAppUrl: string },
    /** The language the member saved on their account (identity's UserLanguageChanged), or null. */
    private readonly savedLanguage: (userId: string) => Promise<string | null> = async () => null,
  ) {}

  async request(ctx: SubgraphContext, input: RequestLetterInput): Promise<Outcome<'letter', Letter>> {
    const principal = requirePrincipal(ctx);
    return outcome('letter', async () => {
      const errors = new FieldErrors();
      if (!isUuid(input.programmeId)) errors.add('input.programmeId', 'NOT_FOUND', 'Choose one of your programmes.');
      if (!ISO_DAY.test(input.from)) errors.add('input.from', 'INVALID', 'Give a date (YYYY-MM-DD).');
      if (!ISO_DAY.test(input.to)) errors.add('input.to', 'INVALID', 'Give a date (YYYY-MM-DD).');
      if (!errors.any && input.from > input.to)
        errors.add('input.to', 'BEFORE_FROM', 'The period must end on or after its first day.');
      errors.throwIfAny();
      const meetings = (await this.exports.liveMeetings(principal.userId, input.from, input.to)).filter(
        (m) => m.programmeId === input.programmeId,
      );
      if (!meetings.length)
        throw refuse('input.programmeId', 'NO_HOURS', 'No confirmed meeting of this programme in this period.');
      return toLetter(
        await this.db.transaction((tx) =>
          this.letters.insert(tx, {
            id: randomUUID(),
            reference: newReference(),
            userId: principal.userId,
            programmeId: input.programmeId,
            from: input.from,
            to: input.to,
          }),
        ),
      );
    });
  }

  /** The caller's own letters, newest first. */
  async mine(ctx: SubgraphContext): Promise<Letter[]> {
    const principal = requirePrincipal(ctx);
    return (await this.letters.ofPerson(principal.userId)).map(toLetter);
  }

  /** Staff's queue: letters with a status, limited to the programmes the caller may review. */
  async queue(ctx: SubgraphContext, status: LetterStatus): Promise<Letter[]> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const scope = hasRole(principal, 'ADMIN')
      ? null
      : principal.organizationId
        ? await this.letters.programmesOfOrganization(principal.organizationId)
        : [];
    return (await this.letters.withStatus(status, scope)).map(toLetter);
  }

  /** The issued PDF as base64: the member or a reviewer of the programme; null until issued. */
  async pdf(ctx: SubgraphContext, letter: Letter): Promise<string | null> {
    const principal = requirePrincipal(ctx);
    if (principal.userId !== letter.userId && !(await this.mayReview(principal, letter.programmeId))) return null;
    if (letter.status !== LetterStatus.ISSUED && letter.status !== LetterStatus.REVOKED) return null;
    return (await this.letters.pdf(letter.id))?.toString('base64') ?? null;
  }

  async approve(ctx: SubgraphContext, input: ApproveLetterInput): Promise<Outcome<'letter', Letter>> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const found = await this.reviewable(principal, input.letterId);
    return outcome('letter', async () => {
      const errors = new FieldErrors();
      const signatoryName = errors.required('input.signatoryName', input.signatoryName, 'The signatory’s name');
      const signatoryRole = errors.required('input.signatoryRole', input.signatoryRole, 'The signatory’s role');
      const typedSignature = errors.required('input.typedSignature', input.typedSignature, 'The signature');
      errors.throwIfAny();
      const content = await this.content(found);
      // the member's letter, in the member's saved language (English when they never chose one)
      const saved = await this.savedLanguage(found.userId);
      const text = exportText(isExportLanguage(saved) ? saved : 'en');
      return this.db.transaction(async (tx) => {
        const row = await this.letters.lockRequested(tx, found.id);
        if (!row) throw refuse('input.letterId', 'ALREADY_REVIEWED', 'This request has already been reviewed.');
        const issuedOn = new Date().toISOString().slice(0, 10);
        const pdf = await renderIssuedLetterPdf(
          {
            reference: row.reference,
            verifyUrl: `${this.config.webAppUrl.replace(/\/$/, '')}/verify/${row.reference}`,
            ...content,
            from: row.periodFrom,
            to: row.periodTo,
            issuedOn,
            signatoryName,
            signatoryRole,
            typedSignature,
          },
          text,
        );
        await this.letters.issue(tx, row.id, {
          reviewedBy: principal.userId,
          signatoryName,
          signatoryRole,
          typedSignature,
          ...content,
          participantRole: content.role,
          pdf,
          sha256: sha256Hex(pdf),
        });
        return toLetter((await this.letters.byId(row.id, tx))!);
      });
    });
  }

  async decline(ctx: SubgraphContext, input: LetterReasonInput): Promise<Outcome<'letter', Letter>> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const found = await this.reviewable(principal, input.letterId);
    return outcome('letter', async () => {
      const reason = new FieldErrors();
      const text = reason.required('input.reason', input.reason, 'A reason');
      reason.throwIfAny();
      return this.db.transaction(async (tx) => {
        if (!(await this.letters.lockRequested(tx, found.id)))
          throw refuse('input.letterId', 'ALREADY_REVIEWED', 'This request has already been reviewed.');
        await this.letters.decline(tx, found.id, principal.userId, text);
        return toLetter((await this.letters.byId(found.id, tx))!);
      });
    });
  }

  async revoke(ctx: SubgraphContext, input: LetterReasonInput): Promise<Outcome<'letter', Letter>> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const found = await this.reviewable(principal, input.letterId);
    return outcome('letter', async () => {
      const reason = new FieldErrors();
      const text = reason.required('input.reason', input.reason, 'A reason');
      reason.throwIfAny();
      return this.db.transaction(async (tx) => {
        if (!(await this.letters.revoke(tx, found.id, principal.userId, text)))
          throw refuse('input.letterId', 'NOT_ISSUED', 'Only an issued letter can be revoked.');
        return toLetter((await this.letters.byId(found.id, tx))!);
      });
    });
  }

  /** Public (no sign-in): what an issued or revoked letter states; null for an unknown reference or a mere request. */
  async verification(reference: string): Promise<LetterVerification | null> {
    if (!REFERENCE.test(reference)) return null;
    const r = await this.letters.byReference(reference);
    if (!r || (r.status !== 'ISSUED' && r.status !== 'REVOKED') || !r.issuedAt || !r.sha256) return null;
    return Object.assign(new LetterVerification(), {
      reference: r.reference,
      status: r.status as LetterStatus,
      personName: r.personName ?? '',
      organizationName: r.organizationName ?? '',
      programmeName: r.programmeName ?? '',
      participantRole: r.participantRole ?? '',
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      hours: r.hours ?? 0,
      meetings: r.meetings ?? 0,
      signatoryName: r.signatoryName ?? '',
      signatoryRole: r.signatoryRole ?? '',
      issuedAt: r.issuedAt,
      sha256: r.sha256,
      revokedAt: r.revokedAt,
      revokeReason: r.revokeReason,
    });
  }

  private async mayReview(principal: Principal, programmeId: string): Promise<boolean> {
    if (hasRole(principal, 'ADMIN')) return true;
    if (!hasRole(principal, 'PROGRAMME_ADMIN') || !principal.organizationId) return false;
    const programme = await this.letters.programme(programmeId);
    return !!programme && programme.organizationIds.includes(principal.organizationId);
  }

  private async reviewable(principal: Principal, letterId: string): Promise<LetterRow> {
    const row = isUuid(letterId) ? await this.letters.byId(letterId) : null;
    if (!row) throw NotFound('Letter');
    if (!(await this.mayReview(principal, row.programmeId))) throw Forbidden();
    return row;
  }

  /** What the letter states, from the live ledger entries and read models at issue. */
  private async content(row: LetterRow) {
    const meetings = (await this.exports.liveMeetings(row.userId, row.periodFrom, row.periodTo)).filter(
      (m) => m.programmeId === row.programmeId,
    );
    const [rel] = await this.exports.relationships(meetings.slice(0, 1).map((m) => m.relationshipId));
    const programme = await this.letters.programme(row.programmeId);
    const roles = new Set(meetings.map((m) => m.role));
    return {
      personName: (await this.exports.personName(row.userId)) ?? 'The participant',
      organizationName: rel?.organizationName ?? 'Tandem mentoring',
      programmeName: programme?.name ?? rel?.programmeName ?? 'mentoring',
      role: roles.size === 1 ? (meetings[0]?.role ?? 'MENTOR') : 'MIXED',
      hours: Math.round(meetings.reduce((a, m) => a + Number(m.hours), 0) * 100) / 100,
      meetings: meetings.length,
    };
  }
}
