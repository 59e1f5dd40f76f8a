import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Role } from '@tandem/contracts';
import type { Database, EventBus } from '@tandem/subgraph-kit';
import type { UserRepository } from '../users/user.repository';
import { passwordHasher } from './password-hasher';
import type { SessionService } from './session.service';

/**
 * The first admin, from the environment. Without ADMIN_PASSWORD: when no ADMIN exists, one is created with a
 * generated password, logged once at warn level. With ADMIN_PASSWORD (the operator chose it): the account with
 * ADMIN_EMAIL is made to exist as an ADMIN even if other admins exist. An existing non-admin account with that
 * email is promoted only after its password is replaced and its sessions revoked (whoever registered it
 * loses access).
 */
export class BootstrapAdmin {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {}

  async run(email: string, password: string | undefined): Promise<void> {
    const generated = password ? null : randomBytes(12).toString('base64url');
    const passwordHash = await passwordHasher.hash(password ?? generated!);
    const outcome = await this.db.transaction(async (tx) => {
      // replicas starting together bootstrap one at a time
      await this.users.lockBootstrap(tx);
      const existing = await this.users.byEmail(tx, email);
      if (existing?.roles.includes('ADMIN')) return null;
      if (!password && (await this.users.anyAdmin(tx))) return null;
      const now = new Date().toISOString();
      if (!existing) {
        const id = randomUUID();
        await this.users.insert(tx, {
          id,
          email,
          displayName: 'Administrator',
          roles: ['ADMIN'],
          organizationId: null,
          passwordHash,
        });
        await this.events.publish(tx, 'UserRegistered', {
          userId: id,
          displayName: 'Administrator',
          roles: ['ADMIN'],
          organizationId: null,
          registeredAt: now,
        });
        await this.events.publish(tx, 'UserContactChanged', {
          userId: id,
          displayName: 'Administrator',
          email,
          phone: null,
          changedAt: now,
        });
        return 'created';
      }
      const roles: Role[] = [...new Set<Role>([...existing.roles, 'ADMIN'])];
      await this.users.setRoles(tx, existing.id, roles, existing.organizationId);
      await this.users.setPasswordHash(tx, existing.id, passwordHash);
      await this.sessions.revokeAll(tx, existing.id);
      await this.events.publish(tx, 'UserRolesChanged', {
        userId: existing.id,
        roles,
        organizationId: existing.organizationId,
        changedBy: existing.id,
        changedAt: now,
      });
      return 'promoted';
    });
    if (!outcome) return;
    if (generated) {
      this.log.warn(
        { email },
        `bootstrap admin ${email} ${outcome} with generated password: ${generated} (shown once; set ADMIN_PASSWORD to choose it)`,
      );
    } else {
      this.log.warn({ email }, `bootstrap admin ${email} ${outcome} from ADMIN_PASSWORD`);
    }
  }
}
