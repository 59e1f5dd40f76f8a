import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { AuthResult, RegisterInput } from './auth.types';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly service: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Mutation(() => AuthResult, {
    description:
      'Creates an account (MENTEE, MENTOR or both); sign in with login afterwards. The answer is the same whether or not the email is already registered (errors empty, session null): it never tells who has an account. The owner of a taken address is told by email instead. Input errors (a malformed email, a weak password, …) are answered as usual.',
  })
  register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: SubgraphContext): Promise<AuthResult> {
    return this.service.register(ctx, input);
  }

  @Mutation(() => AuthResult, {
    description:
      'Signs in. A wrong email and a wrong password answer alike. Repeated failures per account and per address answer RATE_LIMITED with extensions.retryAfterSeconds.',
  })
  login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AuthResult> {
    return this.service.login(ctx, email, password);
  }

  @Mutation(() => AuthResult, {
    description:
      'Exchanges a refresh token for a new access and refresh token. A refresh token used twice ends the whole session.',
  })
  refreshSession(
    @Arg('refreshToken', () => String) refreshToken: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AuthResult> {
    return this.sessions.refresh(ctx, refreshToken);
  }

  @Mutation(() => Boolean, {
    description: 'Ends the session of this refresh token (its access tokens expire within 15 minutes).',
  })
  logout(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.sessions.logout(ctx, refreshToken);
  }
}
