/** The relationships service's configuration; the only reader of process.env besides main.ts. */
import { DEFAULT_PORTS } from '@tandem/contracts';
import { subgraphEnvSchema, z } from '@tandem/config';

export const relationshipsEnvSchema = subgraphEnvSchema(DEFAULT_PORTS.relationships).extend({
  /** The public address of calendar feeds: the gateway's `/calendar` (the only public endpoint) forwards them here. */
  CALENDAR_FEED_URL: z.string().url().default(`http://127.0.0.1:${DEFAULT_PORTS.gateway}/calendar`),
  /** The participant app (a feed's meetings link to their page there). */
  WEB_APP_URL: z.string().url().default(`http://127.0.0.1:${DEFAULT_PORTS.web}`),
});
export type RelationshipsEnv = z.infer<typeof relationshipsEnvSchema>;
