/** Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane). */
import { hash, verify, type Algorithm } from '@node-rs/argon2';

const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

// verified against when the email is unknown, so both failures take the same time
let dummy: Promise<string> | null = null;

export const passwordHasher = {
  hash: (password: string) => hash(password, OPTIONS),
  /** Computes the timing dummy ahead of the first login with an unknown email. */
  async warmUp(): Promise<void> {
    dummy ??= hash('not-a-real-password-for-timing', OPTIONS);
    await dummy;
  },
  async verify(hashed: string | null, password: string): Promise<boolean> {
    if (!hashed) {
      dummy ??= hash('not-a-real-password-for-timing', OPTIONS);
      await verify(await dummy, password).catch(() => false);
      return false;
    }
    return verify(hashed, password).catch(() => false);
  },
};
