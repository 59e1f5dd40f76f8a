import type { ContainerType } from 'type-graphql';
import { buildFederatedSchema } from '@tandem/subgraph-kit';
import { CpdResolver } from './modules/cpd/cpd.resolver';
import { AuditResolver } from './modules/audits/audit.resolver';
import { ExportResolver } from './modules/exports/export.resolver';
import { StatsResolver } from './modules/stats/stats.resolver';
import { Program } from './modules/stats/stats.type';
import { User } from './modules/users/user.type';

export const resolvers = [CpdResolver, ExportResolver, AuditResolver, StatsResolver] as const;

export function buildReportingSchema(container?: ContainerType) {
  return buildFederatedSchema({
    resolvers,
    orphanedTypes: [User, Program],
    container,
    referenceResolvers: {
      // the key is all this subgraph needs: each field checks access and resolves from it, batched per request
      User: { __resolveReference: (reference: { id: string }) => Object.assign(new User(), { id: reference.id }) },
      Program: { __resolveReference: (reference: { id: string }) => Object.assign(new Program(), { id: reference.id }) },
    },
  });
}
