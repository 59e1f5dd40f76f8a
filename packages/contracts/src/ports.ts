/** Default ports on a developer machine; every one can be overridden by environment. */
export const DEFAULT_PORTS = {
  gateway: 4000,
  identity: 4001,
  matching: 4002,
  relationships: 4003,
  reporting: 4004,
  admin: 5173,
  web: 5174,
} as const;
export const SUBGRAPHS = ['identity', 'matching', 'relationships', 'reporting'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
