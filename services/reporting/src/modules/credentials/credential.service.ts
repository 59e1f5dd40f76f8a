import { randomInt, randomUUID } from 'node:crypto';
import {
  AppError,
  FieldErrors,
  Forbidden,
  NotFound,
  hasRole,
  isUuid,
  outcome,
  refuse,
  requirePrincipal,
  requireRole,
  type Database,
  type EventBus,
  type Outcome,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { Principal } from '@tandem/contracts';
import type { CredentialRepository, IssuerKeyRow } from './credential.repository';
import type { CredentialRequestRepository } from './credential-request.repository';
import {
  didDocument,
  encodeStatusList,
  issuerUrls,
  jwks,
  newIssuerKeyPair,
  privateKeyOf,
  STATUS_LIST_BITS,
  type KeySeal,
} from './issuer-key';
import { openBadgeCredential, signCredential, statusListCredential } from './open-badge';
import {
  toIssuedCredential,
  type IssueCredentialsInput,
  type IssuedCredential,
  type RevokeCredentialInput,
} from './credential.type';

/** A public document of an organisation's issuer: a JSON body or a signed JWT, with its content type. */
export interface IssuerDocument {
  contentType: string;
  body: string;
}

/**
 * Open Badges 3.0 credentials the organisation issues: an ADMIN, or a PROGRAMME_ADMIN of the relationship's
 * organisation, issues each partner a credential signed with the organisation's key, and revokes one with a reason;
 * the person reads their own; verifiers read the organisation's keys and status list without signing in.
 */
export class CredentialService {
  constructor(
    private readonly credentials: CredentialRepository,
    private readonly requests: CredentialRequestRepository,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly seal: KeySeal | null,
    private readonly config: { publicUrl: string },
  ) {}

  /** The caller's own credentials, newest first. */
  async mine(ctx: SubgraphContext): Promise<IssuedCredential[]> {
    const principal = requirePrincipal(ctx);
    return (await this.credentials.ofPerson(principal.userId)).map(toIssuedCredential);
  }

  /** Credentials an organisation issued (an ADMIN: every organisation's), optionally of one relationship. */
  async issued(ctx: SubgraphContext, relationshipId: string | null): Promise<IssuedCredential[]> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    if (relationshipId !== null && !isUuid(relationshipId)) return [];
    if (!hasRole(principal, 'ADMIN') && !principal.organizationId) return [];
    const scope = hasRole(principal, 'ADMIN') ? null : principal.organizationId!;
    return (await this.credentials.issuedBy(scope, relationshipId)).map(toIssuedCredential);
  }

  async issue(ctx: SubgraphContext, input: IssueCredentialsInput): Promise<Outcome<'credentials', IssuedCredential[]>> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const rel = isUuid(input.relationshipId) ? await this.credentials.relationship(input.relationshipId) : null;
    if (!rel) throw NotFound('Relationship');
    if (!rel.organizationId || !this.mayIssueFor(principal, rel.organizationId)) throw Forbidden();
    const organizationId = rel.organizationId;
    return outcome('credentials', async () => {
      const partners = await this.credentials.partnerHours(rel.relationshipId);
      if (!partners.length)
        throw refuse(
          'input.relationshipId',
          'NO_HOURS',
          'Neither partner has a confirmed meeting in this relationship.',
        );
      const key = await this.issuerKey(organizationId);
      const urls = issuerUrls(this.config.publicUrl, organizationId);
      const issuer = { did: urls.did, name: rel.organizationName ?? 'Tandem mentoring' };
      const programmeName = rel.programmeName ?? 'Mentoring programme';
      const rows = await this.db.transaction(async (tx) => {
        await this.credentials.lockIssuer(tx, organizationId);
        const used = await this.credentials.usedIndexes(tx, organizationId);
        const issued = [];
        for (const p of partners) {
          const id = randomUUID();
          const statusIndex = freeIndex(used);
          const personName =
            (p.userId === rel.mentorId ? rel.mentorName : p.userId === rel.menteeId ? rel.menteeName : null) ??
            'The participant';
          const hours = Math.round(p.hours * 100) / 100;
          const credential = openBadgeCredential({
            id,
            issuer,
            userId: p.userId,
            personName,
            programmeId: rel.programmeId,
            programmeName,
            role: p.role,
            from: p.firstDay,
            to: p.lastDay,
            hours,
            meetings: p.meetings,
            issuedAt: new Date(),
            status: { listUrl: urls.statusList, index: statusIndex },
          });
          const jwt = await signCredential(
            credential,
            key.keyId,
            privateKeyOf(this.sealer().open(key.privateKeySealed)),
          );
          const row = {
            id,
            organizationId,
            userId: p.userId,
            relationshipId: rel.relationshipId,
            programmeId: rel.programmeId,
            role: p.role,
            personName,
            organizationName: issuer.name,
            programmeName,
            periodFrom: p.firstDay,
            periodTo: p.lastDay,
            hours,
            meetings: p.meetings,
            statusIndex,
            jwt,
          };
          await this.credentials.insert(tx, row, principal.userId);
          // the holder is told (identity's notification, in their language, with a link to their Evidence screen)
          await this.events.publish(tx, 'CredentialIssued', {
            credentialId: id,
            userId: p.userId,
            relationshipId: rel.relationshipId,
            programmeId: rel.programmeId,
            organizationId,
            role: p.role,
            hours,
            issuedAt: new Date().toISOString(),
          });
          issued.push(id);
        }
        // issuing answers the partners' open requests (the notice of the credential tells them)
        await this.requests.markIssued(
          tx,
          rel.relationshipId,
          partners.map((p) => p.userId),
          principal.userId,
        );
        return issued;
      });
      const out = await Promise.all(rows.map((id) => this.credentials.byId(id)));
      return out.filter((r) => r !== null).map(toIssuedCredential);
    });
  }

  async revoke(ctx: SubgraphContext, input: RevokeCredentialInput): Promise<Outcome<'credential', IssuedCredential>> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const row = isUuid(input.credentialId) ? await this.credentials.byId(input.credentialId) : null;
    if (!row) throw NotFound('Credential');
    if (!this.mayIssueFor(principal, row.organizationId)) throw Forbidden();
    return outcome('credential', async () => {
      const errors = new FieldErrors();
      const reason = errors.required('input.reason', input.reason, 'A reason');
      errors.throwIfAny();
      const done = await this.db.transaction(async (tx) => {
        if (!(await this.credentials.revoke(tx, row.id, principal.userId, reason))) return false;
        await this.events.publish(tx, 'CredentialRevoked', {
          credentialId: row.id,
          userId: row.userId,
          programmeId: row.programmeId,
          organizationId: row.organizationId,
          reason,
          revokedAt: new Date().toISOString(),
        });
        return true;
      });
      if (!done) throw refuse('input.credentialId', 'ALREADY_REVOKED', 'This credential is already revoked.');
      return toIssuedCredential((await this.credentials.byId(row.id))!);
    });
  }

  /**
   * Public (no sign-in): `did.json`, `jwks.json` or `status/1` of an organisation that has issued; null for anything
   * else. The status list is a BitstringStatusListCredential signed like the credentials (application/vc+jwt).
   */
  async publicDocument(organizationId: string, file: string): Promise<IssuerDocument | null> {
    if (!isUuid(organizationId)) return null;
    const key = await this.credentials.issuerKey(organizationId);
    if (!key) return null;
    const urls = issuerUrls(this.config.publicUrl, organizationId);
    if (file === 'did.json')
      return {
        contentType: 'application/did+json',
        body: JSON.stringify(didDocument(urls.did, key.keyId, key.publicJwk)),
      };
    if (file === 'jwks.json')
      return { contentType: 'application/jwk-set+json', body: JSON.stringify(jwks(key.keyId, key.publicJwk)) };
    if (file !== 'status/1') return null;
    const name = (await this.credentials.organizationName(organizationId)) ?? 'Tandem mentoring';
    const list = statusListCredential(
      urls.statusList,
      { did: urls.did, name },
      encodeStatusList(await this.credentials.revokedIndexes(organizationId)),
    );
    const jwt = await signCredential(list, key.keyId, privateKeyOf(this.sealer().open(key.privateKeySealed)));
    return { contentType: 'application/vc+jwt', body: jwt };
  }

  private mayIssueFor(principal: Principal, organizationId: string): boolean {
    if (hasRole(principal, 'ADMIN')) return true;
    return hasRole(principal, 'PROGRAMME_ADMIN') && principal.organizationId === organizationId;
  }

  /** The organisation's key, made (and sealed) on its first issuance. */
  private async issuerKey(organizationId: string): Promise<IssuerKeyRow> {
    const existing = await this.credentials.issuerKey(organizationId);
    if (existing) return existing;
    const pair = newIssuerKeyPair();
    const { keyId } = issuerUrls(this.config.publicUrl, organizationId);
    const sealed = this.sealer().seal(pair.privatePem);
    return this.db.transaction(async (tx: Tx) => {
      await this.credentials.insertIssuerKey(tx, {
        organizationId,
        keyId,
        publicJwk: pair.publicJwk,
        privateKeySealed: sealed,
      });
      return (await this.credentials.issuerKey(organizationId, tx))!;
    });
  }

  private sealer(): KeySeal {
    if (!this.seal)
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'Credentials cannot be signed: reporting has no CREDENTIAL_KEY_SEAL_KEY or CHECKPOINT_SIGNING_KEY.',
      );
    return this.seal;
  }
}

/** A random free index of the status list (random, so an index tells nothing of when or how many were issued). */
function freeIndex(used: Set<number>): number {
  if (used.size >= STATUS_LIST_BITS)
    throw refuse('input.relationshipId', 'STATUS_LIST_FULL', 'The status list is full.');
  for (;;) {
    const i = randomInt(STATUS_LIST_BITS);
    if (!used.has(i)) {
      used.add(i);
      return i;
    }
  }
}
