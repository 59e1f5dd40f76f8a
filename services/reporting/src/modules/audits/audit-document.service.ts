import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import {
  hasRole,
  isUuid,
  NotFound,
  outcome,
  refuse,
  requirePrincipal,
  rowsLoader,
  type Database,
  type Logger,
  type Outcome,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { Principal } from '@tandem/contracts';
import type { AuditDocumentRepository, AuditDocumentRow, DocumentSelectionRow } from './audit-document.repository';
import { sha256Hex, type AuditDocumentStore } from './audit-document.storage';
import {
  ACCEPTED_TYPES,
  MAX_ANSWER_LENGTH,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENTS_PER_SELECTION,
  MAX_TOTAL_BYTES_PER_SELECTION,
  safeFilename,
} from './audit-document.rules';
import type { AuditService } from './audit.service';
import { toAuditDocument, type AuditDocument, type AuditSelection } from './audit.type';
import type { SubmitAuditAnswerInput } from './audit.inputs';

type Caller = Pick<SubgraphContext, 'principal'>;

/** A document's bytes as a download answers them, or why they cannot be served. */
export type DocumentDownload =
  { ok: true; document: AuditDocumentRow; bytes: Buffer } | { ok: false; code: 'CHECKSUM_MISMATCH' | 'FILE_MISSING' };

/**
 * A selected member's supporting documents and answer: uploads checked by content and limits, kept outside the
 * database with their checksum, downloaded by the member and the staff who audit their body, removable until the
 * member submits their answer.
 */
export class AuditDocumentService {
  constructor(
    private readonly documents: AuditDocumentRepository,
    private readonly store: AuditDocumentStore,
    private readonly auditService: AuditService,
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  /**
   * Stores one document for the caller's own selection. Refused (nothing written, no file left behind): an empty
   * or oversized file, a type other than PDF/PNG/JPEG/WebP by its content, over the per-selection limits, or once
   * the answer was submitted or the outcome recorded.
   */
  async upload(
    ctx: Caller,
    selectionId: string,
    givenName: string | null,
    bytes: Buffer,
  ): Promise<Outcome<'document', AuditDocument>> {
    const principal = requirePrincipal(ctx);
    const selection = isUuid(selectionId) ? await this.documents.selection(selectionId) : null;
    if (!selection || selection.userId !== principal.userId) throw NotFound('Audit selection');
    return outcome('document', async () => {
      if (bytes.length === 0) throw refuse('file', 'EMPTY', 'The file is empty.');
      if (bytes.length > MAX_DOCUMENT_BYTES)
        throw refuse('file', 'TOO_LARGE', `A document can be at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`);
      const type = await fileTypeFromBuffer(bytes);
      const extension = type ? ACCEPTED_TYPES[type.mime] : undefined;
      if (!type || !extension)
        throw refuse(
          'file',
          'UNSUPPORTED_TYPE',
          'Upload a PDF, PNG, JPEG or WebP file (its content is checked, not its name).',
        );
      const row: AuditDocumentRow = {
        id: randomUUID(),
        selectionId: selection.id,
        userId: principal.userId,
        storageKey: this.store.newKey(),
        filename: safeFilename(givenName, extension),
        mediaType: type.mime,
        sizeBytes: bytes.length,
        sha256: sha256Hex(bytes),
        uploadedAt: new Date(),
      };
      let written = false;
      try {
        await this.db.transaction(async (tx) => {
          // the selection's lock orders one person's uploads, removals and answer: the limits hold under races
          const locked = (await this.documents.lockSelection(tx, selection.id))!;
          this.refuseIfFinal(locked);
          const usage = await this.documents.usage(tx, selection.id);
          if (usage.count >= MAX_DOCUMENTS_PER_SELECTION)
            throw refuse('file', 'TOO_MANY_DOCUMENTS', `At most ${MAX_DOCUMENTS_PER_SELECTION} documents per audit.`);
          if (usage.bytes + bytes.length > MAX_TOTAL_BYTES_PER_SELECTION)
            throw refuse(
              'file',
              'TOTAL_TOO_LARGE',
              `Your documents for this audit can be at most ${MAX_TOTAL_BYTES_PER_SELECTION / 1024 / 1024} MB in all.`,
            );
          await this.documents.insert(tx, row);
          // the file last, so a refusal above leaves nothing on disk; a failed commit removes it below
          await this.store.write(row.storageKey, bytes);
          written = true;
        });
      } catch (error) {
        if (written) await this.store.remove(row.storageKey).catch(() => undefined);
        throw error;
      }
      return toAuditDocument(row);
    });
  }

  /**
   * A document's bytes for the member who uploaded it or the staff who audit their body; unknown and forbidden
   * ids answer alike (NOT_FOUND). The bytes are checked against the recorded SHA-256 before anything is served.
   */
  async download(ctx: Caller, documentId: string): Promise<DocumentDownload> {
    const principal = requirePrincipal(ctx);
    const document = isUuid(documentId) ? await this.documents.document(documentId) : null;
    const selection = document ? await this.documents.selection(document.selectionId) : null;
    if (!document || !selection || !(await this.mayRead(principal, selection))) throw NotFound('Document');
    const bytes = await this.store.read(document.storageKey);
    if (!bytes) {
      this.log.error({ documentId }, 'audit document missing from storage');
      return { ok: false, code: 'FILE_MISSING' };
    }
    if (sha256Hex(bytes) !== document.sha256) {
      this.log.error({ documentId }, 'audit document does not match its checksum');
      return { ok: false, code: 'CHECKSUM_MISMATCH' };
    }
    return { ok: true, document, bytes };
  }

  /** `AuditSelection.documents`: for the member and the staff who audit their body (null for anyone else). */
  async documentsOf(ctx: SubgraphContext, selection: AuditSelection): Promise<AuditDocument[] | null> {
    const principal = requirePrincipal(ctx);
    const row = await this.documents.selection(selection.id);
    if (!row || !(await this.mayRead(principal, row))) return null;
    const rows = await rowsLoader(
      ctx,
      'audits:documents',
      (d: AuditDocumentRow) => d.selectionId,
      (ids) => this.documents.documentsOfSelections(ids),
    ).load(selection.id);
    return rows.map(toAuditDocument);
  }

  /** The member removes one of their documents, until they submit their answer (or the outcome is recorded). */
  async remove(ctx: SubgraphContext, documentId: string): Promise<Outcome<'selection', AuditSelection>> {
    const principal = requirePrincipal(ctx);
    const document = isUuid(documentId) ? await this.documents.document(documentId) : null;
    if (!document || document.userId !== principal.userId) throw NotFound('Document');
    return outcome('selection', async () => {
      await this.db.transaction(async (tx) => {
        this.refuseIfFinal((await this.documents.lockSelection(tx, document.selectionId))!);
        await this.documents.deleteDocument(tx, document.id);
      });
      // the row is gone first: a file left by a failed removal is unreachable, never a row without its file
      await this.store
        .remove(document.storageKey)
        .catch((err: unknown) => this.log.warn({ err, documentId }, 'removed audit document left its file'));
      return (await this.auditService.forAuditor(document.selectionId, false))!;
    });
  }

  /**
   * UserErased (in the consumer's transaction): the person's documents, answers and notes go (see
   * {@link AuditDocumentRepository.eraseWordsOf}). The files are removed before the transaction commits: should it
   * then fail, the event is consumed again and removes what is left (a missing file is no error), so a row never
   * outlives the erasure and no file of an erased person is kept.
   */
  async eraseMember(tx: Tx, userId: string): Promise<void> {
    for (const key of await this.documents.eraseWordsOf(tx, userId)) await this.store.remove(key);
  }

  /** The member's answer, once: their documents are final after it. */
  async submitAnswer(
    ctx: SubgraphContext,
    input: SubmitAuditAnswerInput,
  ): Promise<Outcome<'selection', AuditSelection>> {
    const principal = requirePrincipal(ctx);
    const selection = isUuid(input.selectionId) ? await this.documents.selection(input.selectionId) : null;
    if (!selection || selection.userId !== principal.userId) throw NotFound('Audit selection');
    return outcome('selection', async () => {
      const answer = input.answer.trim();
      if (!answer) throw refuse('input.answer', 'REQUIRED', 'Write your answer.');
      if (answer.length > MAX_ANSWER_LENGTH)
        throw refuse('input.answer', 'TOO_LONG', `At most ${MAX_ANSWER_LENGTH} characters.`);
      await this.db.transaction(async (tx) => {
        this.refuseIfFinal((await this.documents.lockSelection(tx, selection.id))!);
        await this.documents.submitAnswer(tx, selection.id, answer);
      });
      return (await this.auditService.forAuditor(selection.id, false))!;
    });
  }

  private refuseIfFinal(selection: DocumentSelectionRow): void {
    if (selection.outcome !== null)
      throw refuse('selectionId', 'AUDIT_CLOSED', 'This audit has its outcome: nothing can be changed.');
    if (selection.answeredAt !== null)
      throw refuse('selectionId', 'ANSWER_SUBMITTED', 'You submitted your answer: your documents are final.');
  }

  /**
   * The member, an ADMIN, or a PROGRAMME_ADMIN of the body the audit is about: the organisation the cycle is
   * scoped to, or one running the selected member's programme (or the cycle's programme).
   */
  private async mayRead(principal: Principal, selection: DocumentSelectionRow): Promise<boolean> {
    if (selection.userId === principal.userId || hasRole(principal, 'ADMIN')) return true;
    const org = principal.organizationId;
    if (!hasRole(principal, 'PROGRAMME_ADMIN') || !org) return false;
    if (selection.auditOrganizationId === org) return true;
    for (const programmeId of [selection.programmeId, selection.auditProgrammeId]) {
      if (programmeId && (await this.documents.organizationsOfProgramme(programmeId)).includes(org)) return true;
    }
    return false;
  }
}
