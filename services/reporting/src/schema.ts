import type { ContainerType } from 'type-graphql';
import { buildFederatedSchema, type SubgraphContext } from '@tandem/subgraph-kit';
import { CpdCheckpointResolver, CpdResolver, CpdStatementResolver } from './modules/cpd/cpd.resolver';
import { AuditResolver } from './modules/audits/audit.resolver';
import { AuditDocumentResolver } from './modules/audits/audit-document.resolver';
import { ExportResolver } from './modules/exports/export.resolver';
import { LetterResolver } from './modules/letters/letter.resolver';
import { CredentialResolver } from './modules/credentials/credential.resolver';
import { CredentialRequestResolver } from './modules/credentials/credential-request.resolver';
import { StatsResolver } from './modules/stats/stats.resolver';
import { Programme } from './modules/stats/stats.type';
import { User } from './modules/users/user.type';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import { SecurityAuditResolver } from './modules/security-audit/security-audit.resolver';
import type { PersonalDataService } from './modules/personal-data/personal-data.service';
import { PersonalDataExport } from './modules/personal-data/personal-data.type';

export const resolvers = [
  CpdResolver,
  CpdStatementResolver,
  CpdCheckpointResolver,
  ExportResolver,
  LetterResolver,
  CredentialResolver,
  CredentialRequestResolver,
  AuditResolver,
  AuditDocumentResolver,
  StatsResolver,
  PersonalDataResolver,
  SecurityAuditResolver,
] as const;

export interface ReferenceServices {
  personalData: PersonalDataService;
}

export function buildReportingSchema(container?: ContainerType, services?: ReferenceServices) {
  return buildFederatedSchema({
    resolvers,
    orphanedTypes: [User, Programme, PersonalDataExport],
    container,
    referenceResolvers: {
      // the key is all this subgraph needs: each field checks access and resolves from it, batched per request
      User: { __resolveReference: (reference: { id: string }) => Object.assign(new User(), { id: reference.id }) },
      Programme: {
        __resolveReference: (reference: { id: string }) => Object.assign(new Programme(), { id: reference.id }),
      },
      // the person or an ADMIN only; anyone else gets null
      PersonalDataExport: {
        __resolveReference: (ref: { userId: string }, ctx: SubgraphContext) =>
          services!.personalData.reference(ctx, ref.userId),
      },
    },
  });
}
