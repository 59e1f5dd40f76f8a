import { describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import type { Database, EventBus, Tx } from '@tandem/subgraph-kit';
import { BootstrapAdmin } from '../src/modules/auth/bootstrap-admin';
import type { SessionService } from '../src/modules/auth/session.service';
import type { UserRepository } from '../src/modules/users/user.repository';

function setup(options: {
  adminExists: boolean;
  existing?: { id: string; roles: string[]; organizationId: string | null };
}) {
  const tx = {} as Tx;
  const db = { transaction: async <T>(work: (tx: Tx) => Promise<T>) => work(tx) } as unknown as Database;
  const users = {
    lockBootstrap: vi.fn(async () => {}),
    byEmail: vi.fn(async () => options.existing ?? null),
    anyAdmin: vi.fn(async () => options.adminExists),
    insert: vi.fn(async () => true),
    setRoles: vi.fn(),
    setPasswordHash: vi.fn(),
  };
  const events = { publish: vi.fn(async () => ({})) };
  const lines: Array<{ level: number; msg: string }> = [];
  const log = pino({ level: 'warn' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  const sessions = { revokeAll: vi.fn(async () => {}) };
  const sut = new BootstrapAdmin(
    users as unknown as UserRepository,
    sessions as unknown as SessionService,
    db,
    events as unknown as EventBus,
    log,
  );
  return { sut, users, events, lines, sessions };
}

describe(BootstrapAdmin.name, () => {
  it('should create an admin with a generated password and log it once at warn level when none exists', async () => {
    const { sut, users, events, lines } = setup({ adminExists: false });
    await sut.run('admin@tandem.local', undefined);
    expect(users.insert).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        email: 'admin@tandem.local',
        roles: ['ADMIN'],
        passwordHash: expect.stringMatching(/^\$argon2id\$/),
      }),
    );
    expect(events.publish).toHaveBeenCalledWith(
      expect.anything(),
      'UserRegistered',
      expect.objectContaining({ roles: ['ADMIN'] }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe(40);
    expect(lines[0].msg).toMatch(/admin@tandem\.local created with generated password: \S{16}/);
  });

  it('should generate nothing when an admin exists and no password is configured', async () => {
    const { sut, users, lines } = setup({ adminExists: true });
    await sut.run('admin@tandem.local', undefined);
    expect(users.insert).not.toHaveBeenCalled();
    expect(lines).toHaveLength(0);
  });

  it('should create the configured admin from ADMIN_PASSWORD even when other admins exist, without logging the password', async () => {
    const { sut, users, lines } = setup({ adminExists: true });
    await sut.run('ops@example.org', 'a chosen admin password');
    expect(users.insert).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ email: 'ops@example.org', roles: ['ADMIN'] }),
    );
    expect(lines[0].msg).not.toContain('a chosen admin password');
  });

  it('should leave an existing admin with that email alone', async () => {
    const { sut, users, lines } = setup({
      adminExists: true,
      existing: { id: 'u1', roles: ['ADMIN'], organizationId: null },
    });
    await sut.run('admin@tandem.local', 'a chosen admin password');
    expect(users.insert).not.toHaveBeenCalled();
    expect(users.setPasswordHash).not.toHaveBeenCalled();
    expect(lines).toHaveLength(0);
  });

  it('should promote a non-admin account with that email only after replacing its password and revoking its sessions', async () => {
    const { sut, users, sessions } = setup({
      adminExists: false,
      existing: { id: 'u2', roles: ['MENTEE'], organizationId: null },
    });
    await sut.run('admin@tandem.local', 'a chosen admin password');
    expect(users.setRoles).toHaveBeenCalledWith(expect.anything(), 'u2', ['MENTEE', 'ADMIN'], null);
    expect(users.setPasswordHash).toHaveBeenCalledWith(expect.anything(), 'u2', expect.stringMatching(/^\$argon2id\$/));
    expect(sessions.revokeAll).toHaveBeenCalledWith(expect.anything(), 'u2');
  });
});
