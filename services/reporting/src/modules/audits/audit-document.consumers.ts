/** The audit documents' consumers: a person who erases their account takes their documents and words with them. */
import { consumers } from '@tandem/subgraph-kit';
import type { AuditDocumentService } from './audit-document.service';

export interface AuditDocumentDeps {
  auditDocuments: AuditDocumentService;
}

export const auditDocumentConsumers = consumers<AuditDocumentDeps>({
  UserErased: ({ payload }, tx, { auditDocuments }) => auditDocuments.eraseMember(tx, payload.userId),
});
