import {
  FieldErrors,
  NotFound,
  outcome,
  requirePrincipal,
  type Outcome,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { SecurityAuditService } from '../security-audit/security-audit.service';
import { canReadCpd } from '../cpd/cpd.service';
import { verifyChain } from '../cpd/ledger-hash';
import type { LedgerRepository } from '../cpd/ledger.repository';
import type {
  DeniedMeetingRow,
  ExportRepository,
  LiveMeetingRow,
  SheetMeeting,
  SheetRelationship,
} from './export.repository';
import { LINK_TTL_SECONDS, signExportLink, verifyExportLink, type ExportClaims } from './export-link';
import { renderConfirmationLetterPdf, type LetterSection } from './confirmation-letter.pdf';
import { renderTrackingSheetPdf, type SheetSection } from './tracking-sheet.pdf';
import { renderTrackingSheetCsv } from './tracking-sheet.csv';
import { EXPORT_LANGUAGES, isExportLanguage, type ExportLanguage } from './export-format';
import { exportText } from './export-messages';
import { CpdExportLink, type CpdExportFormat, type CreateCpdExportInput } from './export.type';

export interface RenderedFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** CPD exports: signs download links for the person and auditors, and renders the files a valid link names. */
export class ExportService {
  constructor(
    private readonly exports: ExportRepository,
    private readonly ledger: LedgerRepository,
    private readonly audit: SecurityAuditService,
    private readonly config: { signingKey: string; publicUrl: string },
    /** The language the person saved on their account (identity's UserLanguageChanged), or null. */
    private readonly savedLanguage: (userId: string) => Promise<string | null> = async () => null,
  ) {}

  /**
   * The document's language: the one the request names, else the person's saved language (their documents speak it
   * whoever downloads them), else the language of the request (the gateway's negotiated Accept-Language), else English.
   */
  private async languageFor(ctx: SubgraphContext, input: CreateCpdExportInput): Promise<ExportLanguage> {
    if (isExportLanguage(input.language)) return input.language;
    const saved = await this.savedLanguage(input.userId);
    if (isExportLanguage(saved)) return saved;
    return isExportLanguage(ctx.locale) ? ctx.locale : 'en';
  }

  async createLink(ctx: SubgraphContext, input: CreateCpdExportInput): Promise<Outcome<'link', CpdExportLink>> {
    const principal = requirePrincipal(ctx);
    if (!canReadCpd(principal, input.userId)) throw NotFound('Person');
    return outcome('link', async () => {
      const errors = new FieldErrors();
      if (!ISO_DAY.test(input.from)) errors.add('input.from', 'INVALID', 'Give a date (YYYY-MM-DD).');
      if (!ISO_DAY.test(input.to)) errors.add('input.to', 'INVALID', 'Give a date (YYYY-MM-DD).');
      if (!errors.any && input.from > input.to)
        errors.add('input.to', 'BEFORE_FROM', 'The period must end on or after its first day.');
      if (input.language != null && !isExportLanguage(input.language))
        errors.add(
          'input.language',
          'UNSUPPORTED_LANGUAGE',
          `Exports are written in ${EXPORT_LANGUAGES.join(' or ')}; choose one of those.`,
        );
      errors.throwIfAny();
      const language = await this.languageFor(ctx, input);
      const link = this.sign(input, principal.userId, language);
      // an export made by staff (or of someone else's ledger) enters the staff audit log (the link is the
      // export: it needs no other write)
      await this.audit.recordExport(principal, {
        kind: 'CPD_EXPORT_CREATED',
        subjectId: input.userId,
        details: {
          format: input.format,
          from: input.from,
          to: input.to,
          relationshipId: input.relationshipId ?? null,
          programmeId: input.programmeId ?? null,
          language,
          expiresAt: link.expiresAt.toISOString(),
        },
      });
      return link;
    });
  }

  private sign(input: CreateCpdExportInput, requestedBy: string, language: ExportLanguage): CpdExportLink {
    const exp = Math.floor(Date.now() / 1000) + LINK_TTL_SECONDS;
    const claims: ExportClaims = {
      kind: input.format,
      userId: input.userId,
      from: input.from,
      to: input.to,
      relationshipId: input.relationshipId ?? null,
      programmeId: input.programmeId ?? null,
      requestedBy,
      language,
      exp,
    };
    const token = signExportLink(claims, this.config.signingKey);
    return Object.assign(new CpdExportLink(), {
      url: `${this.config.publicUrl.replace(/\/$/, '')}/files/${token}`,
      expiresAt: new Date(exp * 1000),
      format: input.format as CpdExportFormat,
    });
  }

  /** The file a link names, or null when the link is invalid or expired. */
  async render(token: string): Promise<RenderedFile | null> {
    const claims = verifyExportLink(token, this.config.signingKey);
    if (!claims) return null;
    const inScope = (m: { relationshipId: string; programmeId: string | null }) =>
      (!claims.relationshipId || m.relationshipId === claims.relationshipId) &&
      (!claims.programmeId || m.programmeId === claims.programmeId);
    const [live, deniedRows] = await Promise.all([
      this.exports.liveMeetings(claims.userId, claims.from, claims.to),
      this.exports.deniedMeetings(claims.userId, claims.from, claims.to),
    ]);
    const meetings = live.filter(inScope);
    // meetings an audit took back: not counted, but named on the sheet and the letter so no hour goes missing unseen
    const denied = deniedRows.filter(inScope);
    const relationships = new Map(
      (await this.exports.relationships([...new Set([...meetings, ...denied].map((m) => m.relationshipId))])).map(
        (r) => [r.relationshipId, r],
      ),
    );
    const period = `${claims.from}_${claims.to}`;
    const text = exportText(isExportLanguage(claims.language) ? claims.language : 'en');
    if (claims.kind === 'CONFIRMATION_LETTER_PDF') {
      const rows = await this.ledger.chainOf(claims.userId);
      const chain = verifyChain(rows);
      const body = await renderConfirmationLetterPdf(
        await this.letterSections(claims.userId, meetings, denied, relationships),
        claims.from,
        claims.to,
        new Date().toISOString().slice(0, 10),
        { intact: chain.intact, head: rows.filter((r) => r.hash).at(-1)?.hash ?? null },
        { text },
      );
      return { filename: `cpd-confirmation-letter_${period}.pdf`, contentType: 'application/pdf', body };
    }
    const sections = groupByRelationship(meetings, denied, relationships);
    if (claims.kind === 'TRACKING_SHEET_CSV') {
      return {
        filename: `cpd-tracking-sheet_${period}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: Buffer.from(renderTrackingSheetCsv(sections, text), 'utf8'),
      };
    }
    return {
      filename: `cpd-tracking-sheet_${period}.pdf`,
      contentType: 'application/pdf',
      body: await renderTrackingSheetPdf(sections, claims.from, claims.to, { text }),
    };
  }

  private async letterSections(
    userId: string,
    meetings: LiveMeetingRow[],
    denied: DeniedMeetingRow[],
    relationships: Map<string, SheetRelationship>,
  ): Promise<LetterSection[]> {
    const personName = (await this.exports.personName(userId)) ?? 'The participant';
    const byProgramme = new Map<string, typeof meetings>();
    for (const m of meetings) {
      const key = m.programmeId ?? 'none';
      byProgramme.set(key, [...(byProgramme.get(key) ?? []), m]);
    }
    return [...byProgramme.values()].map((list) => {
      const rel = relationships.get(list[0].relationshipId);
      const roles = new Set(list.map((m) => m.role));
      const days = list.map((m) => m.occurredOn).sort();
      const takenBack = denied.filter((d) => (d.programmeId ?? 'none') === (list[0].programmeId ?? 'none'));
      return {
        organizationName: rel?.organizationName ?? 'Tandem mentoring',
        organizationCity: rel?.organizationCity ?? null,
        organizationCountry: rel?.organizationCountry ?? null,
        programmeName: rel?.programmeName ?? 'mentoring',
        cpdCategory: rel?.cpdCategory ?? null,
        personName,
        role: roles.size === 1 ? ((list[0].role as 'MENTOR' | 'MENTEE') ?? 'MENTOR') : 'MIXED',
        hours: Math.round(list.reduce((a, m) => a + Number(m.hours), 0) * 100) / 100,
        meetings: list.length,
        relationships: new Set(list.map((m) => m.relationshipId)).size,
        firstMeeting: days[0] ?? null,
        lastMeeting: days.at(-1) ?? null,
        denied: takenBack.length
          ? {
              meetings: takenBack.length,
              hours: Math.round(takenBack.reduce((a, d) => a + Number(d.hours), 0) * 100) / 100,
              decidedOn: takenBack
                .map((d) => new Date(d.decidedAt).toISOString().slice(0, 10))
                .sort()
                .at(-1)!,
            }
          : null,
      };
    });
  }
}

function groupByRelationship(
  meetings: Array<SheetMeeting & { relationshipId: string }>,
  denied: DeniedMeetingRow[],
  relationships: Map<string, SheetRelationship>,
) {
  const sections = new Map<string, Required<SheetSection>>();
  const sectionOf = (relationshipId: string) => {
    const relationship = relationships.get(relationshipId);
    if (!relationship) return null;
    const s = sections.get(relationshipId) ?? { relationship, meetings: [], denied: [] };
    sections.set(relationshipId, s);
    return s;
  };
  for (const m of meetings) sectionOf(m.relationshipId)?.meetings.push(m);
  for (const d of denied) sectionOf(d.relationshipId)?.denied.push(d);
  return [...sections.values()];
}
