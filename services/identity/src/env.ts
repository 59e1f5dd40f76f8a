/** The identity service's configuration; the only reader of process.env besides main.ts. */
import { DEFAULT_PORTS } from '@tandem/contracts';
import { subgraphEnvSchema, z } from '@tandem/config';

export const identityEnvSchema = subgraphEnvSchema(DEFAULT_PORTS.identity).extend({
  /** PEM (PKCS#8) Ed25519 private key that signs access tokens. */
  JWT_PRIVATE_KEY: z.string().optional(),
  JWT_PRIVATE_KEY_FILE: z.string().optional(),
});
export type IdentityEnv = z.infer<typeof identityEnvSchema>;
