/**
 * Hive Gateway as the peer gateway of `npm run bench`: the same supergraph file, the same JWT check as
 * Tandem's gateway (identity's EdDSA access tokens, issuer and audience), and the same headers to the
 * subgraphs (the gateway secret and the principal). The token is verified once per client request.
 * Environment: SUPERGRAPH_PATH, JWT_PUBLIC_KEY_FILE, GATEWAY_SECRET, PORT.
 */
import { readFileSync } from 'node:fs';
import { importSPKI, jwtVerify } from 'jose';

const ISSUER = 'tandem-identity';
const AUDIENCE = 'tandem-gateway'; // ACCESS_TOKEN_ISSUER and ACCESS_TOKEN_AUDIENCE in @tandem/contracts
const key = await importSPKI(readFileSync(process.env.JWT_PUBLIC_KEY_FILE!, 'utf8'), 'EdDSA');
const secret = process.env.GATEWAY_SECRET!;
const perRequest = new WeakMap<Request, Promise<Record<string, string>>>();

async function headersFor(request: Request): Promise<Record<string, string>> {
  const headers: Record<string, string> = { 'x-tandem-gateway-secret': secret };
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '');
  if (!match) return headers;
  try {
    const { payload } = await jwtVerify(match[1], key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['EdDSA'],
      clockTolerance: 5,
    });
    const principal = {
      userId: payload.sub,
      roles: payload.roles,
      organizationId: typeof payload.org === 'string' ? payload.org : null,
    };
    headers['x-tandem-principal'] = Buffer.from(JSON.stringify(principal), 'utf8').toString('base64url');
  } catch {
    // an invalid token: anonymous, as far as the subgraphs are concerned
  }
  return headers;
}

// a plain object (what defineConfig returns), so type checks pass without bench/hive/node_modules
export const gatewayConfig = {
  supergraph: process.env.SUPERGRAPH_PATH!,
  port: Number(process.env.PORT ?? 4500),
  host: '127.0.0.1',
  logging: 'warn',
  graphiql: false,
  landingPage: false,
  propagateHeaders: {
    fromClientToSubgraphs({ request }: { request: Request }) {
      let pending = perRequest.get(request);
      if (!pending) {
        pending = headersFor(request);
        perRequest.set(request, pending);
      }
      return pending;
    },
  },
};
