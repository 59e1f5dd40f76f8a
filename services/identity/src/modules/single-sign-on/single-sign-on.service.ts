import { STAFF_ROLES, type Role } from '@tandem/contracts';
import {
  AppError,
  FieldErrors,
  NotFound,
  outcome,
  refuse,
  requireRole,
  requireUuid,
  type Database,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { OrganizationRepository } from '../organizations/organization.repository';
import type { SecretBox } from '../second-factor/second-factor.crypto';
import type { SetOrganizationSingleSignOnInput } from './single-sign-on.inputs';
import { ProviderUnavailable, type OidcProviders } from './oidc-provider';
import type { RoleMappingRow, SingleSignOnRepository } from './single-sign-on.repository';
import { DEFAULT_GROUPS_CLAIM, groupsClaimProblem, issuerProblem, normaliseDomain } from './single-sign-on.rules';
import { OrganizationSingleSignOn, OrganizationSingleSignOnResult, toSingleSignOn } from './single-sign-on.type';

const MAX_DOMAINS = 20;
const MAX_MAPPINGS = 50;

/** An organisation's single sign-on settings, kept by an ADMIN (the client secret sealed, never answered). */
export class SingleSignOnService {
  constructor(
    private readonly repo: SingleSignOnRepository,
    private readonly organizations: OrganizationRepository,
    private readonly providers: OidcProviders,
    private readonly box: SecretBox | null,
    private readonly db: Database,
    private readonly settings: { redirectUri: string; allowHttp: boolean },
  ) {}

  /** The organisation's single sign-on, or null when it has none (ADMIN). */
  async ofOrganization(ctx: SubgraphContext, organizationId: string): Promise<OrganizationSingleSignOn | null> {
    requireRole(ctx, 'ADMIN');
    await this.requireOrganization(organizationId);
    const row = await this.repo.ofOrganization(organizationId);
    return row ? toSingleSignOn(row, this.settings.redirectUri) : null;
  }

  /**
   * Sets (or replaces) the organisation's provider (ADMIN): the issuer must answer discovery, the domains must
   * be free, the mappings must name staff roles, the groups claim must be a claim name. A missing secret keeps
   * the stored one.
   */
  async set(ctx: SubgraphContext, input: SetOrganizationSingleSignOnInput): Promise<OrganizationSingleSignOnResult> {
    const principal = requireRole(ctx, 'ADMIN');
    const organizationId = input.organizationId;
    await this.requireOrganization(organizationId);
    const result = await outcome('singleSignOn', async () => {
      const existing = await this.repo.ofOrganization(organizationId);
      const errors = new FieldErrors();
      const issuer = input.issuer.trim();
      const problem = issuerProblem(issuer, this.settings.allowHttp);
      if (problem) errors.add('input.issuer', 'INVALID_ISSUER', problem);
      const clientId = input.clientId.trim();
      if (!clientId)
        errors.add('input.clientId', 'REQUIRED', 'Give the client id the provider registered Tandem under.');
      if (clientId.length > 200) errors.add('input.clientId', 'TOO_LONG', 'Use at most 200 characters.', { max: 200 });
      const secret = input.clientSecret?.trim() || null;
      if (!secret && !existing)
        errors.add('input.clientSecret', 'REQUIRED', 'Give the client secret the provider issued to Tandem.');
      if (secret && secret.length > 1000)
        errors.add('input.clientSecret', 'TOO_LONG', 'Use at most 1000 characters.', { max: 1000 });
      const domains = this.domains(input.emailDomains, errors);
      const roleMappings = this.mappings(input, errors);
      const groupsClaim = input.groupsClaim?.trim() || DEFAULT_GROUPS_CLAIM;
      const claimProblem = groupsClaimProblem(groupsClaim);
      if (claimProblem) errors.add('input.groupsClaim', 'INVALID_CLAIM', claimProblem);
      errors.throwIfAny();
      if (!problem) await this.checkProvider(issuer, clientId, secret, existing?.clientSecretSealed ?? null);
      const sealed = secret ? this.sealer().seal(secret) : null;
      await this.db.transaction(async (tx) => {
        const taken = await this.repo.domainsTakenElsewhere(tx, organizationId, domains);
        if (taken.length)
          throw refuse(
            'input.emailDomains',
            'DOMAIN_TAKEN',
            `Another organisation signs in people of ${taken.join(', ')}: a domain belongs to one organisation.`,
          );
        await this.repo.save(tx, {
          organizationId,
          issuer,
          clientId,
          clientSecretSealed: sealed,
          passwordAllowed: input.passwordAllowed ?? false,
          roleMappings,
          groupsClaim,
          emailDomains: domains,
          updatedBy: principal.userId,
        });
      });
      ctx.log.info({ organizationId, by: principal.userId }, 'organisation single sign-on set');
      return toSingleSignOn((await this.repo.ofOrganization(organizationId))!, this.settings.redirectUri);
    });
    return Object.assign(new OrganizationSingleSignOnResult(), result);
  }

  /** Removes the organisation's single sign-on (ADMIN): its staff sign in with passwords again. */
  async remove(ctx: SubgraphContext, organizationId: string): Promise<OrganizationSingleSignOnResult> {
    const principal = requireRole(ctx, 'ADMIN');
    await this.requireOrganization(organizationId);
    const removed = await this.db.transaction((tx) => this.repo.remove(tx, organizationId));
    const errors = removed
      ? []
      : refuse('organizationId', 'NOT_CONFIGURED', 'This organisation has no single sign-on.').errors;
    if (removed) ctx.log.info({ organizationId, by: principal.userId }, 'organisation single sign-on removed');
    return Object.assign(new OrganizationSingleSignOnResult(), { errors, singleSignOn: null });
  }

  private async requireOrganization(organizationId: string): Promise<void> {
    requireUuid(organizationId, 'organizationId');
    if ((await this.organizations.byIds([organizationId])).length === 0) throw NotFound('Organization');
  }

  private domains(raw: readonly string[], errors: FieldErrors): string[] {
    const domains = [...new Set(raw.map((d) => normaliseDomain(d)))];
    if (raw.length === 0)
      errors.add('input.emailDomains', 'REQUIRED', 'Give at least one email domain, like example.org.');
    if (raw.length > MAX_DOMAINS) errors.add('input.emailDomains', 'TOO_MANY', `Give at most ${MAX_DOMAINS} domains.`);
    const bad = raw.filter((d) => normaliseDomain(d) === null);
    if (bad.length)
      errors.add(
        'input.emailDomains',
        'INVALID_DOMAIN',
        `Not a domain name: ${bad.slice(0, 3).join(', ')}. Use example.org.`,
      );
    return domains.filter((d): d is string => d !== null);
  }

  private mappings(input: SetOrganizationSingleSignOnInput, errors: FieldErrors): RoleMappingRow[] {
    if (input.roleMappings.length > MAX_MAPPINGS)
      errors.add('input.roleMappings', 'TOO_MANY', `Give at most ${MAX_MAPPINGS} mappings.`);
    const seen = new Set<string>();
    return input.roleMappings.map((m, i) => {
      const group = m.group.trim();
      const field = `input.roleMappings.${i}`;
      if (!group) errors.add(`${field}.group`, 'REQUIRED', 'Name the group as the provider sends it.');
      if (group.length > 200) errors.add(`${field}.group`, 'TOO_LONG', 'Use at most 200 characters.', { max: 200 });
      if (seen.has(group)) errors.add(`${field}.group`, 'DUPLICATE', 'This group is mapped already.');
      seen.add(group);
      const roles = [...new Set(m.roles)];
      if (roles.length === 0) errors.add(`${field}.roles`, 'REQUIRED', 'Choose at least one staff role.');
      if (roles.some((r) => !STAFF_ROLES.includes(r)))
        errors.add(
          `${field}.roles`,
          'NOT_STAFF_ROLE',
          'Only staff roles (COACH, PROGRAMME_ADMIN, ANALYST, ADMIN) can be mapped.',
        );
      return { group, roles: STAFF_ROLES.filter((r: Role) => roles.includes(r)) };
    });
  }

  /** The provider must answer discovery before it is saved (a typo would otherwise lock its staff out). */
  private async checkProvider(issuer: string, clientId: string, secret: string | null, sealed: string | null) {
    try {
      const clientSecret = secret ?? (sealed ? this.sealer().open(sealed) : '');
      await this.providers.configuration({ issuer, clientId, clientSecret });
    } catch (error) {
      if (!(error instanceof ProviderUnavailable)) throw error;
      throw refuse(
        'input.issuer',
        'ISSUER_UNREACHABLE',
        'The issuer’s discovery document (/.well-known/openid-configuration) could not be read; check the URL.',
      );
    }
  }

  private sealer(): SecretBox {
    if (!this.box)
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'Client secrets cannot be stored: identity has no JWT_PRIVATE_KEY or SECOND_FACTOR_KEY.',
      );
    return this.box;
  }
}
