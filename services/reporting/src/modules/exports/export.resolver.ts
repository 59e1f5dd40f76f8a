import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { CreateCpdExportInput, CreateCpdExportResult } from './export.type';
import type { ExportService } from './export.service';

@Resolver()
export class ExportResolver {
  constructor(private readonly exportsService: ExportService) {}

  @Directive('@cost(weight: 50)')
  @Mutation(() => CreateCpdExportResult, {
    description:
      'A 10-minute signed link to a CPD tracking sheet (CSV or PDF) or confirmation letter (PDF). The person and auditors only.',
  })
  createCpdExport(
    @Arg('input', () => CreateCpdExportInput) input: CreateCpdExportInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateCpdExportResult> {
    return this.exportsService.createLink(ctx, input);
  }
}
