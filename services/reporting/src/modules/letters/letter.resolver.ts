import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import {
  ApproveLetterInput,
  Letter,
  LetterReasonInput,
  LetterResult,
  LetterStatus,
  LetterVerification,
  RequestLetterInput,
} from './letter.type';
import type { LetterService } from './letter.service';

@Resolver(() => Letter)
export class LetterResolver {
  constructor(private readonly letters: LetterService) {}

  @Query(() => [Letter], { description: 'Your letter requests and issued letters, newest first (at most 100).' })
  myLetters(@Ctx() ctx: SubgraphContext): Promise<Letter[]> {
    return this.letters.mine(ctx);
  }

  @Query(() => [Letter], {
    description:
      'Letters with a status (default: requests awaiting review), oldest first, at most 100. ADMIN, or PROGRAMME_ADMIN for the programmes of their organisation.',
  })
  letterQueue(
    @Arg('status', () => LetterStatus, { defaultValue: LetterStatus.REQUESTED, description: 'Which letters.' })
    status: LetterStatus,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Letter[]> {
    return this.letters.queue(ctx, status);
  }

  @Query(() => LetterVerification, {
    nullable: true,
    description:
      'Public (no sign-in, rate-limited per address by the gateway): what an issued letter states, who issued it and when, whether it was revoked, and the SHA-256 of its PDF. Null for an unknown reference.',
  })
  letterVerification(
    @Arg('reference', () => String, { description: 'The reference printed on the letter.' }) reference: string,
  ): Promise<LetterVerification | null> {
    return this.letters.verification(reference);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The issued PDF (base64): the member and its reviewers; null until issued.',
  })
  pdfBase64(@Root() letter: Letter, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return this.letters.pdf(ctx, letter);
  }

  @Mutation(() => LetterResult, {
    description: 'Ask the organisation for a letter confirming your hours in a programme over a period.',
  })
  requestLetter(
    @Arg('input', () => RequestLetterInput) input: RequestLetterInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LetterResult> {
    return this.letters.request(ctx, input);
  }

  @Mutation(() => LetterResult, {
    description:
      'Approve a request: the letter is issued as a PDF signed by you, with its reference, QR code and recorded SHA-256.',
  })
  approveLetter(
    @Arg('input', () => ApproveLetterInput) input: ApproveLetterInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LetterResult> {
    return this.letters.approve(ctx, input);
  }

  @Mutation(() => LetterResult, { description: 'Decline a request with a reason the member sees.' })
  declineLetter(
    @Arg('input', () => LetterReasonInput) input: LetterReasonInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LetterResult> {
    return this.letters.decline(ctx, input);
  }

  @Mutation(() => LetterResult, {
    description: 'Revoke an issued letter with a reason (its verification page then says so).',
  })
  revokeLetter(
    @Arg('input', () => LetterReasonInput) input: LetterReasonInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LetterResult> {
    return this.letters.revoke(ctx, input);
  }
}
