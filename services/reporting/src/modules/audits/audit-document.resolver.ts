import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { SubmitAuditAnswerInput } from './audit.inputs';
import { AuditDocument, AuditSelection, RemoveAuditDocumentResult, SubmitAuditAnswerResult } from './audit.type';
import type { AuditDocumentService } from './audit-document.service';

/** A selected member's documents and answer (uploads and downloads are HTTP: audit-document.routes.ts). */
@Resolver(() => AuditSelection)
export class AuditDocumentResolver {
  constructor(private readonly service: AuditDocumentService) {}

  @FieldResolver(() => [AuditDocument], {
    nullable: true,
    description:
      'The supporting documents the member uploaded, oldest first: for the member and the staff who audit their body (ADMINs, PROGRAMME_ADMINs of the organisation in scope); null for anyone else.',
  })
  documents(@Root() selection: AuditSelection, @Ctx() ctx: SubgraphContext): Promise<AuditDocument[] | null> {
    return this.service.documentsOf(ctx, selection);
  }

  @Mutation(() => RemoveAuditDocumentResult, {
    description: 'The member removes one of their supporting documents, until they submit their answer.',
  })
  removeAuditDocument(
    @Arg('documentId', () => ID) documentId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RemoveAuditDocumentResult> {
    return this.service.remove(ctx, documentId);
  }

  @Mutation(() => SubmitAuditAnswerResult, {
    description: "The member's answer to their audit, once: their documents are final after it.",
  })
  submitAuditAnswer(
    @Arg('input', () => SubmitAuditAnswerInput) input: SubmitAuditAnswerInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SubmitAuditAnswerResult> {
    return this.service.submitAnswer(ctx, input);
  }
}
