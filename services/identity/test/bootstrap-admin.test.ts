import { describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import type { EntityManager } from 'typeorm';
import { AuthService } from '../src/modules/auth/auth.service';
import type { AuthRepository } from '../src/modules/auth/auth.repository';
import type { TokenSigner } from '../src/modules/auth/token-signer';
import type { UserRepository } from '../src/modules/users/user.repository';
import type { EventBus } from '@tandem/subgraph-kit';

function setup(options: { adminExists: boolean }) {
  const manager = { query: vi.fn(async () => []) } as unknown as EntityManager;
  const users = { anyAdmin: vi.fn(async () => options.adminExists), insert: vi.fn(async () => true), setRoles: vi.fn(), setPasswordHash: vi.fn() };
  const events = { publish: vi.fn(async () => ({})) };
  const lines: Array<{ level: number; msg: string }> = [];
  const log = pino({ level: 'warn' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  const sut = new AuthService(users as unknown as UserRepository, {} as AuthRepository, {} as TokenSigner, (work) => work(manager), events as unknown as EventBus,
    { account: { limit: 5, windowSeconds: 900 }, address: { limit: 20, windowSeconds: 900 }, refreshTokenTtlDays: 30 }, log);
  return { sut, users, events, lines };
}

describe(AuthService.name, () => {
  it('should create an admin with a generated password and log it once at warn level when none exists', async () => {
    const { sut, users, events, lines } = setup({ adminExists: false });
    await sut.bootstrapAdmin('admin@tandem.local', undefined);
    expect(users.insert).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ email: 'admin@tandem.local', roles: ['ADMIN'], passwordHash: expect.stringMatching(/^\$argon2id\$/) }));
    expect(events.publish).toHaveBeenCalledWith(expect.anything(), 'UserRegistered', expect.objectContaining({ roles: ['ADMIN'] }));
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe(40);
    expect(lines[0].msg).toMatch(/admin@tandem\.local created with generated password: \S{16}/);
  });

  it('should do nothing when an admin exists', async () => {
    const { sut, users, lines } = setup({ adminExists: true });
    await sut.bootstrapAdmin('admin@tandem.local', 'a chosen admin password');
    expect(users.insert).not.toHaveBeenCalled();
    expect(lines).toHaveLength(0);
  });
});
