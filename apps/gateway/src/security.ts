/**
 * What the gateway refuses before any subgraph is called: oversized, deep, costly or alias-heavy
 * operations (graphql-armor), batched operations, floods from one user or one address (rate limits with
 * a retry hint), and it adds the usual security headers. Each limit is a named constant so tests can
 * send a query just under and just over it.
 */
import type { IncomingMessage } from 'node:http';
import type { NodeMiddleware } from '@tandem/http';
import helmet from 'helmet';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '@tandem/contracts';
import { GraphQLError, Kind, type ASTVisitor, type ValidationContext } from 'graphql';
import { sendLocalisedError } from './error-language';

export const LIMITS = {
  /** Nesting depth of selections (the mentee dashboard needs 6). */
  depth: 12,
  aliases: 20,
  directives: 10,
  tokens: 2_500,
  /**
   * The budget of one operation's estimated cost (cost.ts: the IBM cost specification's `@cost` and `@listSize`
   * read from the supergraph; an object 1, each list × its page size). Our heaviest screen, the admin's audits
   * with every page at 100, costs about 10,400 (tests/contract/apps-api-forms.test.ts holds every app document
   * under this budget): twice that, so a client can ask for 100 items with a nested page of 100 (about 10,000 objects)
   * once, but not more.
   */
  cost: 20_000,
  bodyBytes: 256 * 1024,
  /** Times one field (one response name) may appear in one selection set: more is a flood, not a query. */
  repeatedField: 10,
  /** Expensive fields (searches, exports, ledger checks, analytics) in one request, aliases included. */
  expensiveFields: 4,
} as const;

/**
 * Fields whose one selection costs a search, a document or a scan: a request may name only `LIMITS.expensiveFields`
 * of them, whatever their aliases.
 */
export const EXPENSIVE_FIELDS = new Set([
  'searchMentors',
  'personalDataExport',
  'verifyCpdLedger',
  'programStats',
  'programmeStats',
  'cpdStatement',
  'createCpdExport',
  'exportCaseload',
  'cohortMatchRun',
]);

/** Refuses a selection set naming the same response key more than `LIMITS.repeatedField` times. */
export const RepeatedFieldLimit = (context: ValidationContext): ASTVisitor => ({
  SelectionSet(node) {
    const seen = new Map<string, number>();
    for (const selection of node.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const key = selection.alias?.value ?? selection.name.value;
      const times = (seen.get(key) ?? 0) + 1;
      seen.set(key, times);
      if (times === LIMITS.repeatedField + 1) {
        context.reportError(
          new GraphQLError(
            `The field "${key}" is selected more than ${LIMITS.repeatedField} times in one selection; select it once.`,
            { nodes: [selection], extensions: { code: 'BAD_USER_INPUT', limit: 'repeatedField' } },
          ),
        );
      }
    }
  },
});

/** Refuses a document naming more than `LIMITS.expensiveFields` expensive fields (each alias counts). */
export const ExpensiveFieldLimit = (context: ValidationContext): ASTVisitor => {
  const named: string[] = [];
  return {
    Field(node) {
      if (EXPENSIVE_FIELDS.has(node.name.value)) named.push(node.name.value);
    },
    Document: {
      leave() {
        if (named.length <= LIMITS.expensiveFields) return;
        context.reportError(
          new GraphQLError(
            `This request asks for ${named.length} expensive fields (${[...new Set(named)].join(', ')}); ` +
              `at most ${LIMITS.expensiveFields} per request: split it.`,
            { extensions: { code: 'BAD_USER_INPUT', limit: 'expensiveFields' } },
          ),
        );
      },
    },
  };
};

export function armor(production: boolean) {
  const rejection = { exposeLimits: !production };
  const protection = new ApolloArmor({
    maxDepth: { n: LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...rejection },
    maxAliases: { n: LIMITS.aliases, ...rejection },
    maxDirectives: { n: LIMITS.directives, ...rejection },
    // graphql-armor's token limit parses in a plugin hook, where a document that does not parse at all became a
    // 500; Apollo Server's own parse counts the same tokens (parseOptions below) and answers a client's mistake
    maxTokens: { enabled: false },
    // the cost limit is the gateway's own (cost.ts), which reads page sizes from variables and the schema's @listSize
    costLimit: { enabled: false },
    // "Did you mean …?" leaks the schema when introspection is off
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    plugins: protection.plugins,
    validationRules: [RepeatedFieldLimit, ExpensiveFieldLimit, ...protection.validationRules],
    parseOptions: { maxTokens: LIMITS.tokens },
  };
}

export const securityHeaders = () =>
  helmet({
    // an API: no inline content is ever served, so the strictest policy costs nothing
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });

export interface RateLimitOptions {
  perUserPerMinute: number;
  perAddressPerMinute: number;
}

/**
 * Per signed-in user (an organisation's API key: per key, at the key's own rate, `keyBudgetOf`) and per client
 * address, whichever is hit first. Counters live in this process:
 * with several gateway replicas each enforces its own share (a Redis or Postgres store from
 * rate-limiter-flexible drops in when one limit across replicas is needed).
 */
export function rateLimit(
  options: RateLimitOptions,
  principalOf: (req: IncomingMessage) => Principal | null,
  addressOf: (req: IncomingMessage) => string,
  keyBudgetOf?: (principal: Principal) => number,
): NodeMiddleware {
  const users = new RateLimiterMemory({ points: options.perUserPerMinute, duration: 60 });
  const addresses = new RateLimiterMemory({ points: options.perAddressPerMinute, duration: 60 });
  // one limiter per budget the keys have (a handful of distinct values), each counting per key
  const keys = new Map<number, RateLimiterMemory>();
  const keyLimiter = (points: number) => {
    let limiter = keys.get(points);
    if (!limiter)
      keys.set(points, (limiter = new RateLimiterMemory({ points, duration: 60, keyPrefix: `key${points}` })));
    return limiter;
  };
  return async (req, res, next) => {
    try {
      const principal = principalOf(req);
      await addresses.consume(addressOf(req));
      if (principal?.apiKeyId && keyBudgetOf) await keyLimiter(keyBudgetOf(principal)).consume(principal.apiKeyId);
      else if (principal) await users.consume(principal.userId);
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return next(rejection);
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      res.setHeader('Retry-After', String(retryAfterSeconds));
      sendLocalisedError(req, res, 429, `Too many requests; try again in ${retryAfterSeconds} s.`, 'RATE_LIMITED', {
        retryAfterSeconds,
      });
    }
  };
}
