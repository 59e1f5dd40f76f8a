/**
 * `npm run seed:demo`: loads a small, realistic demo programme through the gateway's GraphQL API only,
 * as real people would (the admin sets up organisations, the programme and staff; people register,
 * mentors apply and are approved, mentees fill in needs assessments, requests and proposals are answered,
 * partners sign agreements, set goals and confirm meetings; one relationship completes with feedback).
 * Idempotent: people and organisations are found before being created, and the workflows of a mentee
 * who already has requests or relationships are not replayed. A part whose API is not deployed yet is
 * skipped with a printed note.
 *
 * Environment: GATEWAY_URL (…/graphql), ADMIN_EMAIL, ADMIN_PASSWORD, and ADMIN_TOTP_SECRET once the admin has set up
 * their own second factor (the key the admin app showed at set-up).
 */
import { DEMO_MENTEES } from './seed-demo/mentees';
import { DEMO_MENTORS } from './seed-demo/mentors';
import { DEMO_STAFF, type OrgKey } from './seed-demo/cast';
import { gatewayClient, type Seeding } from './seed-demo/client';
import { generate } from 'otplib';
import { seedSignIn } from './seed-demo/second-factor';
import { runOversight } from './seed-demo/oversight';
import { runPartnerships } from './seed-demo/partnerships';
import { ensurePeople } from './seed-demo/people';
import { ensureProgramme } from './seed-demo/programme';
import { startRelationships } from './seed-demo/relationships';

export { DEMO_ORGS, DEMO_PASSWORD, DEMO_PROGRAM, DEMO_STAFF } from './seed-demo/cast';
export { DEMO_MENTORS } from './seed-demo/mentors';
export { DEMO_MENTEES } from './seed-demo/mentees';

export interface SeedOptions {
  gatewayUrl: string;
  adminEmail: string;
  adminPassword: string;
  /**
   * A current code of the admin's own second factor, when it has one (the seed sets one up for its own run
   * otherwise, and removes it after).
   */
  adminSecondFactorCode?: () => Promise<string>;
  log?: (line: string) => void;
}

export interface SeedResult {
  /** True when the demo was already complete and nothing changed. */
  alreadyLoaded: boolean;
  notes: string[];
  organizationIds: Record<OrgKey, string>;
  programId: string;
  cohortId: string | null;
  userIds: Record<string, string>;
}

/** The demo, loaded through the gateway. */
export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? ((line: string) => console.log(`[seed] ${line}`));
  const notes: string[] = [];
  const note = (line: string) => {
    notes.push(line);
    log(`note: ${line}`);
  };
  const gql = gatewayClient(options.gatewayUrl);
  async function optional(what: string, part: () => Promise<void>): Promise<void> {
    try {
      await part();
    } catch (error) {
      note(`${what} skipped: ${(error as Error).message}`);
    }
  }

  // what the deployed API offers (a part whose API is missing is skipped)
  const schema = await gql<{
    __schema: { queryType: { fields: Array<{ name: string }> }; mutationType: { fields: Array<{ name: string }> } };
  }>(`{ __schema { queryType { fields { name } } mutationType { fields { name } } } }`);
  const api = new Set([...schema.__schema.queryType.fields, ...schema.__schema.mutationType.fields].map((f) => f.name));
  const has = (...names: string[]) => names.every((n) => api.has(n));

  // the admin signs in through a second factor set up for the seed and removed after it
  const signIn = seedSignIn(gql);
  const adminLogin = await signIn.login(options.adminEmail, options.adminPassword, options.adminSecondFactorCode);
  if (!adminLogin.ok) throw new Error(`the admin could not sign in: ${JSON.stringify(adminLogin.errors)}`);
  const admin: string = adminLogin.session.accessToken;
  const seeding: Seeding = { gql, log, note, optional, has, admin, today: new Date() };
  try {
    return await load(seeding, log, notes);
  } finally {
    await signIn.release();
  }
}

async function load(seeding: Seeding, log: (line: string) => void, notes: string[]): Promise<SeedResult> {
  const programme = await ensureProgramme(seeding);
  const people = await ensurePeople(seeding, programme);
  const { organizationIds, programId, cohortId } = programme;
  const alreadyLoaded = people.created.size === 0;
  const result: SeedResult = { alreadyLoaded, notes, organizationIds, programId, cohortId, userIds: people.userIds };
  if (alreadyLoaded) {
    log('the demo is already loaded: nothing changed');
    return result;
  }

  const relationships = await startRelationships(seeding, people, programId);
  await runPartnerships(seeding, people, relationships);
  await runOversight(seeding, people, relationships);

  log(
    `demo loaded: ${DEMO_STAFF.length} staff, ${DEMO_MENTORS.length} mentors, ${DEMO_MENTEES.length} mentees, ${relationships.length} relationships`,
  );
  return result;
}

const isMain = process.argv[1]?.endsWith('seed-demo.ts') || process.argv[1]?.endsWith('seed-demo.js');
if (isMain) {
  const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  const adminEmail = process.env.ADMIN_EMAIL ?? 'admin@tandem.local';
  const adminPassword = process.env.ADMIN_PASSWORD;
  if (!adminPassword) {
    console.error('[seed] ADMIN_PASSWORD is required (npm start keeps it in .data/admin.json)');
    process.exit(1);
  }
  // an admin who set up their own second factor gives its key (the one shown at set-up) for the seed's codes
  const secret = process.env.ADMIN_TOTP_SECRET;
  const adminSecondFactorCode = secret ? () => generate({ secret }) : undefined;
  seedDemo({ gatewayUrl, adminEmail, adminPassword, adminSecondFactorCode }).then(
    (r) => {
      if (r.notes.length) console.log(`[seed] ${r.notes.length} part(s) skipped, see the notes above`);
    },
    (error: unknown) => {
      console.error(`[seed] failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
