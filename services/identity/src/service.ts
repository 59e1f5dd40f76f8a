/** The identity subgraph: who people are, what they may do, and how to reach them. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { DEFAULT_PASSWORD_RESET_URL, identityEnvSchema, type IdentityEnv } from './env';
import { AccessRepository } from './modules/access/access.repository';
import { AccessService } from './modules/access/access.service';
import { AuthRepository } from './modules/auth/auth.repository';
import { AuthResolver } from './modules/auth/auth.resolver';
import { AuthService } from './modules/auth/auth.service';
import { passwordHasher } from './modules/auth/password-hasher';
import { TokenSigner } from './modules/auth/token-signer';
import { Mailer } from './modules/notifications/mailer';
import { createEventHandlers } from './modules/notifications/notification.handlers';
import { NotificationRepository } from './modules/notifications/notification.repository';
import { NotificationResolver } from './modules/notifications/notification.resolver';
import { NotificationService } from './modules/notifications/notification.service';
import { PasswordResetTokenEntity } from './modules/password/password-reset.entity';
import { PasswordResetRepository } from './modules/password/password-reset.repository';
import { PasswordResolver } from './modules/password/password.resolver';
import { PasswordService } from './modules/password/password.service';
import { PersonalDataRepository } from './modules/personal-data/personal-data.repository';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import { PersonalDataService } from './modules/personal-data/personal-data.service';
import { ProfileRepository } from './modules/profiles/profile.repository';
import { ProfileResolver } from './modules/profiles/profile.resolver';
import { ProfileService } from './modules/profiles/profile.service';
import { ProgrammeRepository } from './modules/programmes/programme.repository';
import {
  OrientationSessionResolver,
  ProgramFieldResolver,
  ProgrammeResolver,
  UserProgrammeResolver,
} from './modules/programmes/programme.resolver';
import { ProgrammeService } from './modules/programmes/programme.service';
import { UserEntity } from './modules/users/user.entity';
import { UserRepository } from './modules/users/user.repository';
import { UserResolver } from './modules/users/user.resolver';
import { UserService } from './modules/users/user.service';
import { buildIdentitySchema } from './schema';

export const identity: ServiceDefinition<IdentityEnv> = {
  name: 'identity',
  schema: 'identity',
  envSchema: identityEnvSchema,
  entities: [UserEntity, PasswordResetTokenEntity],
  migrations,
  consumes: [
    'MentoringRequestSent',
    'MentoringRequestAccepted',
    'MentoringRequestDeclined',
    'MentoringRequestExpiring',
    'MatchProposed',
    'AgreementAwaitingSignature',
    'MeetingLogged',
    'AuditVerificationRequested',
    'RelationshipStarted',
    'RelationshipCompleted',
    'RelationshipWithdrawn',
  ],
  printableSchema: () => buildIdentitySchema(),
  async create({ dataSource, env, events, transact, log }) {
    const userRepo = new UserRepository(dataSource);
    const facts = new AccessRepository(dataSource);
    const access = new AccessService(facts);
    const signer = await TokenSigner.fromEnv(env);
    if (!signer.configured)
      log.warn('no JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE: register and login cannot issue tokens');
    const mailer = new Mailer({ smtpUrl: env.SMTP_URL, mailDir: env.MAIL_DIR, from: env.MAIL_FROM });
    const notifications = new NotificationService(
      new NotificationRepository(dataSource),
      mailer,
      log,
      () => dataSource.isInitialized,
    );
    const users = new UserService(userRepo, access, transact, events);
    const auth = new AuthService(
      userRepo,
      new AuthRepository(dataSource),
      signer,
      transact,
      events,
      {
        account: { limit: env.LOGIN_MAX_FAILURES_PER_ACCOUNT, windowSeconds: env.LOGIN_WINDOW_SECONDS },
        address: { limit: env.LOGIN_MAX_FAILURES_PER_ADDRESS, windowSeconds: env.LOGIN_WINDOW_SECONDS },
        refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      },
      log,
    );
    const resets = new PasswordResetRepository(dataSource);
    const passwords = new PasswordService(
      userRepo,
      resets,
      auth,
      notifications,
      mailer,
      transact,
      { resetUrl: env.PASSWORD_RESET_URL },
      log,
      () => dataSource.isInitialized,
    );
    if (env.NODE_ENV === 'production' && env.PASSWORD_RESET_URL === DEFAULT_PASSWORD_RESET_URL) {
      log.warn(
        'PASSWORD_RESET_URL is not set: password reset emails link to the local admin app (http://127.0.0.1:5173)',
      );
    }
    if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
      log.warn('SMTP_URL is not set: emails (notifications, password-reset links) are written as files, not sent');
    }
    const profiles = new ProfileService(
      new ProfileRepository(dataSource),
      userRepo,
      access,
      facts,
      notifications,
      transact,
      events,
    );
    users.afterChange = (manager, userId) => profiles.republish(manager, userId);
    users.afterEmailChange = (manager, userId) => resets.supersedeOpen(manager, userId);
    const programmes = new ProgrammeService(new ProgrammeRepository(dataSource), users, transact, events);
    const personalData = new PersonalDataService(new PersonalDataRepository(dataSource), users, facts);

    if (env.BOOTSTRAP_ADMIN) await auth.bootstrapAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    await passwordHasher.warmUp();
    log.info({ mail: mailer.directory ?? 'smtp' }, 'email delivery');
    notifications.startBackgroundDelivery();

    const instances = new Map<unknown, unknown>([
      [UserResolver, new UserResolver(users)],
      [AuthResolver, new AuthResolver(auth)],
      [PasswordResolver, new PasswordResolver(passwords)],
      [ProfileResolver, new ProfileResolver(profiles)],
      [NotificationResolver, new NotificationResolver(notifications)],
      [ProgrammeResolver, new ProgrammeResolver(programmes)],
      [ProgramFieldResolver, new ProgramFieldResolver(programmes)],
      [OrientationSessionResolver, new OrientationSessionResolver(programmes)],
      [UserProgrammeResolver, new UserProgrammeResolver(programmes)],
      [PersonalDataResolver, new PersonalDataResolver(personalData)],
    ]);
    const schema = await buildIdentitySchema({ get: (cls) => instances.get(cls) }, { users, programmes, personalData });
    return {
      schema,
      handlers: createEventHandlers(facts, notifications),
      jobs: [
        { name: 'deliver-email', cron: '* * * * *', run: async () => void (await notifications.deliverDue()) },
        {
          name: 'prune-auth',
          cron: '17 3 * * *',
          run: async () => {
            await auth.prune();
            await passwords.prune();
          },
        },
      ],
    };
  },
};
