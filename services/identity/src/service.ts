/** The identity subgraph: who people are, what they may do, and how to reach them. */
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { migrations } from './database/migrations';
import { DEFAULT_PASSWORD_RESET_URL, identityEnvSchema, type IdentityEnv } from './env';
import { accessConsumers } from './modules/access/access.consumers';
import { AccessRepository } from './modules/access/access.repository';
import { AccessService } from './modules/access/access.service';
import { personSignals, sharedAnswersPlugin } from './modules/access/shared-answers';
import { AuthResolver } from './modules/auth/auth.resolver';
import { RelationshipCoachRepository } from './modules/coaching/relationship-coach.repository';
import { RelationshipCoachResolver } from './modules/coaching/relationship-coach.resolver';
import { RelationshipCoachService } from './modules/coaching/relationship-coach.service';
import { AuthService } from './modules/auth/auth.service';
import { BootstrapAdmin } from './modules/auth/bootstrap-admin';
import { LoginAttemptRepository } from './modules/auth/login-attempt.repository';
import { LoginGuard } from './modules/auth/login-guard';
import { passwordHasher } from './modules/auth/password-hasher';
import { SessionRepository } from './modules/auth/session.repository';
import { SessionService } from './modules/auth/session.service';
import { TokenSigner } from './modules/auth/token-signer';
import { EnrolmentRepository } from './modules/enrolments/enrolment.repository';
import {
  EnrolmentResolver,
  ProgrammeEnrolmentsResolver,
  UserEnrolmentsResolver,
} from './modules/enrolments/enrolment.resolver';
import { EnrolmentService } from './modules/enrolments/enrolment.service';
import { Mailer } from './modules/notifications/mailer';
import { appUrl } from './modules/notifications/notification.links';
import { notificationConsumers } from './modules/notifications/notification.consumers';
import { NotificationRepository } from './modules/notifications/notification.repository';
import { NotificationResolver } from './modules/notifications/notification.resolver';
import { NotificationService } from './modules/notifications/notification.service';
import { NotificationDigestService } from './modules/notifications/notification-digest.service';
import { OrganizationRepository } from './modules/organizations/organization.repository';
import { OrganizationResolver, UserOrganizationResolver } from './modules/organizations/organization.resolver';
import { OrganizationService } from './modules/organizations/organization.service';
import { OrientationRepository } from './modules/orientation/orientation.repository';
import { OrientationResolver, ProgrammeOrientationResolver } from './modules/orientation/orientation.resolver';
import { OrientationService } from './modules/orientation/orientation.service';
import { PasswordResetRepository } from './modules/password/password-reset.repository';
import { PasswordResolver } from './modules/password/password.resolver';
import { PasswordService } from './modules/password/password.service';
import { PersonalDataRepository } from './modules/personal-data/personal-data.repository';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';
import { PersonalDataService } from './modules/personal-data/personal-data.service';
import { MentorApplicationService } from './modules/profiles/mentor-application.service';
import { ProfileSnapshots } from './modules/profiles/profile-snapshots';
import { ProfileRepository } from './modules/profiles/profile.repository';
import { ProfileResolver } from './modules/profiles/profile.resolver';
import { ProfileService } from './modules/profiles/profile.service';
import { EmailChangeRepository } from './modules/email-change/email-change.repository';
import { EmailChangeResolver, UserEmailChangeResolver } from './modules/email-change/email-change.resolver';
import { InvitationRepository } from './modules/invitations/invitation.repository';
import { InvitationResolver } from './modules/invitations/invitation.resolver';
import { InvitationService } from './modules/invitations/invitation.service';
import { EmailChangeService } from './modules/email-change/email-change.service';
import { SessionStateRepository } from './modules/session-state/session-state.repository';
import { SessionStateResolver } from './modules/session-state/session-state.resolver';
import { sessionStateRoutes } from './modules/session-state/session-state.routes';
import { SessionStateService } from './modules/session-state/session-state.service';
import { CohortService } from './modules/programmes/cohort.service';
import { ProgrammeRepository } from './modules/programmes/programme.repository';
import { ProgrammeFieldResolver, ProgrammeResolver } from './modules/programmes/programme.resolver';
import { ProgrammeService } from './modules/programmes/programme.service';
import { SecondFactorRepository } from './modules/second-factor/second-factor.repository';
import { SecretBox } from './modules/second-factor/second-factor.crypto';
import {
  OrganizationSecondFactorResolver,
  SecondFactorResolver,
  UserSecondFactorResolver,
} from './modules/second-factor/second-factor.resolver';
import { SecondFactorService } from './modules/second-factor/second-factor.service';
import { TrainingRepository } from './modules/training/training.repository';
import {
  MentorTrainingNeedsResolver,
  ProgrammeTrainingResolver,
  TrainingCompletionResolver,
  TrainingResolver,
  UserTrainingResolver,
} from './modules/training/training.resolver';
import { TrainingService } from './modules/training/training.service';
import { UserRepository } from './modules/users/user.repository';
import { UserResolver } from './modules/users/user.resolver';
import { LearningRepository } from './modules/learning/learning.repository';
import { LearningResolver, ProgrammeLearningResolver } from './modules/learning/learning.resolver';
import { LearningService } from './modules/learning/learning.service';
import { LanguageRepository } from './modules/language/language.repository';
import { LanguageResolver } from './modules/language/language.resolver';
import { LanguageService } from './modules/language/language.service';
import { TimeZoneRepository } from './modules/time-zone/time-zone.repository';
import { TimeZoneResolver } from './modules/time-zone/time-zone.resolver';
import { TimeZoneService } from './modules/time-zone/time-zone.service';
import { NotificationEmailRepository } from './modules/notification-emails/notification-emails.repository';
import { NotificationEmailResolver } from './modules/notification-emails/notification-emails.resolver';
import { NotificationEmailService } from './modules/notification-emails/notification-emails.service';
import { UserService } from './modules/users/user.service';
import { WebhookDeliverer } from './modules/webhooks/webhook.delivery';
import { webhookConsumers } from './modules/webhooks/webhook.consumers';
import { WebhookRepository } from './modules/webhooks/webhook.repository';
import { WebhookResolver } from './modules/webhooks/webhook.resolver';
import { WebhookSender } from './modules/webhooks/webhook.sender';
import { WebhookService } from './modules/webhooks/webhook.service';
import { OidcProviders } from './modules/single-sign-on/oidc-provider';
import { OrganizationSignInService } from './modules/single-sign-on/organization-sign-in.service';
import { SingleSignOnRepository } from './modules/single-sign-on/single-sign-on.repository';
import { SingleSignOnResolver } from './modules/single-sign-on/single-sign-on.resolver';
import { SingleSignOnService } from './modules/single-sign-on/single-sign-on.service';
import { ApiKeyRepository } from './modules/api-keys/api-key.repository';
import { ApiKeyResolver } from './modules/api-keys/api-key.resolver';
import { apiKeyRoutes } from './modules/api-keys/api-key.routes';
import { ApiKeyService } from './modules/api-keys/api-key.service';
import { buildIdentitySchema } from './schema';

/** What the modules' event consumers are given. */
export interface IdentityDeps {
  facts: AccessRepository;
  notifications: NotificationService;
  /** who coaches a relationship (its organisation's coaches): told when the pair reaches its hours */
  coaches: RelationshipCoachRepository;
  /** the programmes' nudge switches (the hours-reached notice may be off) */
  programmes: ProgrammeRepository;
  webhooks: WebhookDeliverer;
}

export const identity: ServiceDefinition<IdentityEnv, IdentityDeps> = {
  name: 'identity',
  schema: 'identity',
  envSchema: identityEnvSchema,
  migrations,
  // who may see whom first, then what people are told
  consumers: [accessConsumers, notificationConsumers, webhookConsumers],
  // a change to what is shared of a person tells the gateways to forget it
  liveSignals: personSignals,
  printableSchema: () => buildIdentitySchema(),
  async create({ db, env, events, log }) {
    const isRunning = () => db.dataSource.isInitialized;
    if (env.NODE_ENV === 'production' && env.PASSWORD_RESET_URL === DEFAULT_PASSWORD_RESET_URL) {
      log.warn(
        'PASSWORD_RESET_URL is not set: password reset emails link to the local admin app (http://127.0.0.1:5173)',
      );
    }
    if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
      log.warn('SMTP_URL is not set: emails (notifications, password-reset links) are written as files, not sent');
    }

    // repositories
    const userRows = new UserRepository(db);
    const facts = new AccessRepository(db);
    const profileRows = new ProfileRepository(db);
    const resets = new PasswordResetRepository(db);
    const organizationRows = new OrganizationRepository(db);
    const programmeRows = new ProgrammeRepository(db);

    // people, what may be seen of them, and how to reach them
    const access = new AccessService(facts);
    const mailer = new Mailer({ smtpUrl: env.SMTP_URL, mailDir: env.MAIL_DIR, from: env.MAIL_FROM });
    const languages = new LanguageRepository(db);
    const notifications = new NotificationService(
      new NotificationRepository(db),
      mailer,
      log,
      isRunning,
      env.WEB_APP_URL,
      languages,
      env.ADMIN_APP_URL,
    );
    // nudges waiting for each person's daily digest email
    const digests = new NotificationDigestService(new NotificationRepository(db), mailer, db, log, {
      web: env.WEB_APP_URL,
      admin: env.ADMIN_APP_URL,
    });
    const snapshots = new ProfileSnapshots(userRows, profileRows, events);
    // what the gateway checks every request against: the account's session version, suspension, erasure
    const states = new SessionStateService(new SessionStateRepository(db), userRows, db, events);
    const users = new UserService(userRows, access, snapshots, states, db, events);
    const language = new LanguageService(languages, userRows, db, events);
    const timeZone = new TimeZoneService(new TimeZoneRepository(db), userRows, db, events);
    const notificationEmails = new NotificationEmailService(new NotificationEmailRepository(db), userRows, db);
    const profiles = new ProfileService(profileRows, access, facts, snapshots, db);
    const applications = new MentorApplicationService(profileRows, userRows, snapshots, notifications, db, events);

    // signing in and sessions
    const signer = await TokenSigner.fromEnv(env);
    if (!signer.configured)
      log.warn('no JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE: register and login cannot issue tokens');
    const window = env.LOGIN_WINDOW_SECONDS;
    const guard = new LoginGuard(new LoginAttemptRepository(db), {
      account: { limit: env.LOGIN_MAX_FAILURES_PER_ACCOUNT, windowSeconds: window },
      address: { limit: env.LOGIN_MAX_FAILURES_PER_ADDRESS, windowSeconds: window },
    });
    const sessions = new SessionService(
      new SessionRepository(db),
      userRows,
      signer,
      db,
      { refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS },
      log,
      states,
    );
    const organizations = new OrganizationService(organizationRows, users, db, events);
    const secretBox = SecretBox.from(env, TokenSigner.pemOf(env));
    const secondFactor = new SecondFactorService(
      new SecondFactorRepository(db),
      userRows,
      sessions,
      organizations,
      guard,
      secretBox,
      db,
      events,
    );
    // single sign-on: an organisation's OpenID Connect provider, the attempts in flight, accounts at first sign-in
    const singleSignOnRows = new SingleSignOnRepository(db);
    if (env.NODE_ENV === 'production' && env.OIDC_ALLOW_HTTP_ISSUERS)
      log.warn('OIDC_ALLOW_HTTP_ISSUERS is ignored in production: issuers must be https');
    const allowHttpIssuers = env.NODE_ENV !== 'production' && env.OIDC_ALLOW_HTTP_ISSUERS;
    const oidcProviders = new OidcProviders(allowHttpIssuers);
    const ssoBox = secretBox?.derive('oidc-client-secret-v1') ?? null;
    // the admin app's page the provider sends the browser back to (register it at the provider)
    const redirectUri = appUrl(env.ADMIN_APP_URL, '/sign-in/organisation');
    const singleSignOn = new SingleSignOnService(singleSignOnRows, organizationRows, oidcProviders, ssoBox, db, {
      redirectUri,
      allowHttp: allowHttpIssuers,
    });
    const organizationSignIn = new OrganizationSignInService(
      singleSignOnRows,
      userRows,
      secondFactor,
      sessions,
      users,
      states,
      oidcProviders,
      ssoBox,
      db,
      events,
      log,
      { redirectUri },
    );
    const auth = new AuthService(userRows, guard, secondFactor, mailer, db, events, log, singleSignOnRows);
    const passwords = new PasswordService(
      userRows,
      resets,
      guard,
      sessions,
      notifications,
      mailer,
      db,
      { resetUrl: { staff: env.PASSWORD_RESET_URL, participant: appUrl(env.WEB_APP_URL, '/reset-password') } },
      log,
      isRunning,
    );

    const emailChanges = new EmailChangeService(
      new EmailChangeRepository(db),
      userRows,
      states,
      guard,
      mailer,
      db,
      events,
      { url: { staff: env.EMAIL_CHANGE_URL, participant: appUrl(env.WEB_APP_URL, '/email-change') } },
      log,
    );

    // programmes, enrolments, orientation
    const learning = new LearningService(new LearningRepository(db), programmeRows, db);
    const programmes = new ProgrammeService(programmeRows, organizationRows, organizations, db, events, learning);
    const cohorts = new CohortService(programmeRows, programmes, db);
    const enrolmentRows = new EnrolmentRepository(db);
    const enrolments = new EnrolmentService(enrolmentRows, programmeRows, userRows, db, events);
    const invitations = new InvitationService(
      new InvitationRepository(db),
      userRows,
      enrolmentRows,
      mailer,
      db,
      events,
      { staff: env.INVITATION_URL, participant: appUrl(env.WEB_APP_URL, '/invitation') },
    );
    const orientation = new OrientationService(new OrientationRepository(db), programmeRows, db, events);
    const training = new TrainingService(new TrainingRepository(db), programmeRows, db, events);

    const coachRows = new RelationshipCoachRepository(db);
    const relationshipCoaches = new RelationshipCoachService(coachRows, users);

    // webhooks: an organisation's endpoints and the outbox of their deliveries
    if (env.NODE_ENV === 'production' && env.WEBHOOK_ALLOW_PRIVATE_TARGETS)
      log.warn('WEBHOOK_ALLOW_PRIVATE_TARGETS is ignored in production: private and loopback targets are refused');
    const targetPolicy = { allowPrivate: env.NODE_ENV !== 'production' && env.WEBHOOK_ALLOW_PRIVATE_TARGETS };
    const webhookRows = new WebhookRepository(db);
    const webhookBox = secretBox?.derive('webhook-signing-secret-v1') ?? null;
    const webhookDeliverer = new WebhookDeliverer(
      webhookRows,
      new WebhookSender(targetPolicy, env.WEBHOOK_TIMEOUT_MS),
      webhookBox,
      notifications,
      db,
      log,
      isRunning,
      {
        retryBaseSeconds: env.WEBHOOK_RETRY_BASE_SECONDS,
        maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
        disable: { failures: env.WEBHOOK_DISABLE_AFTER_FAILURES, seconds: env.WEBHOOK_DISABLE_AFTER_SECONDS },
      },
    );
    const webhooks = new WebhookService(webhookRows, organizationRows, webhookDeliverer, webhookBox, targetPolicy, db);

    // organisations' API keys for their own systems (the gateway checks them through apiKeyRoutes)
    const apiKeys = new ApiKeyService(new ApiKeyRepository(db), organizationRows, db, events);

    const personalData = new PersonalDataService(new PersonalDataRepository(db), users, facts);

    if (env.BOOTSTRAP_ADMIN)
      await new BootstrapAdmin(userRows, sessions, db, events, log).run(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    await passwordHasher.warmUp();
    log.info({ mail: mailer.directory ?? 'smtp' }, 'email delivery');
    notifications.startBackgroundDelivery();
    webhookDeliverer.kick();

    const instances = new Map<unknown, unknown>([
      [UserResolver, new UserResolver(users)],
      [LanguageResolver, new LanguageResolver(language)],
      [TimeZoneResolver, new TimeZoneResolver(timeZone)],
      [NotificationEmailResolver, new NotificationEmailResolver(notificationEmails)],
      [AuthResolver, new AuthResolver(auth, sessions)],
      [PasswordResolver, new PasswordResolver(passwords)],
      [ProfileResolver, new ProfileResolver(profiles, applications)],
      [NotificationResolver, new NotificationResolver(notifications)],
      [OrganizationResolver, new OrganizationResolver(organizations)],
      [UserOrganizationResolver, new UserOrganizationResolver(organizations)],
      [ProgrammeResolver, new ProgrammeResolver(programmes, cohorts)],
      [ProgrammeFieldResolver, new ProgrammeFieldResolver(programmes)],
      [EnrolmentResolver, new EnrolmentResolver(enrolments, programmes, users)],
      [ProgrammeEnrolmentsResolver, new ProgrammeEnrolmentsResolver(enrolments)],
      [UserEnrolmentsResolver, new UserEnrolmentsResolver(enrolments)],
      [OrientationResolver, new OrientationResolver(orientation)],
      [ProgrammeOrientationResolver, new ProgrammeOrientationResolver(orientation)],
      [LearningResolver, new LearningResolver(learning)],
      [ProgrammeLearningResolver, new ProgrammeLearningResolver(learning)],
      [PersonalDataResolver, new PersonalDataResolver(personalData)],
      [SessionStateResolver, new SessionStateResolver(states)],
      [EmailChangeResolver, new EmailChangeResolver(emailChanges)],
      [InvitationResolver, new InvitationResolver(invitations)],
      [UserEmailChangeResolver, new UserEmailChangeResolver(emailChanges)],
      [SecondFactorResolver, new SecondFactorResolver(secondFactor)],
      [UserSecondFactorResolver, new UserSecondFactorResolver(secondFactor)],
      [OrganizationSecondFactorResolver, new OrganizationSecondFactorResolver(secondFactor)],
      [WebhookResolver, new WebhookResolver(webhooks)],
      [ApiKeyResolver, new ApiKeyResolver(apiKeys)],
      [SingleSignOnResolver, new SingleSignOnResolver(singleSignOn, organizationSignIn)],
      [RelationshipCoachResolver, new RelationshipCoachResolver(relationshipCoaches)],
      [TrainingResolver, new TrainingResolver(training)],
      [TrainingCompletionResolver, new TrainingCompletionResolver(training)],
      [ProgrammeTrainingResolver, new ProgrammeTrainingResolver(training)],
      [UserTrainingResolver, new UserTrainingResolver(training)],
      [MentorTrainingNeedsResolver, new MentorTrainingNeedsResolver(training)],
    ]);
    const schema = await buildIdentitySchema(
      { get: (cls) => instances.get(cls) },
      { users, organizations, programmes, personalData },
    );
    return {
      schema,
      deps: { facts, notifications, coaches: coachRows, programmes: programmeRows, webhooks: webhookDeliverer },
      // the mentors' names and headlines every participant reads alike, which the gateway may share between callers
      plugins: [sharedAnswersPlugin((ctx, ids) => users.load(ctx, ids))],
      routes: (app) => {
        sessionStateRoutes(states, env.GATEWAY_SECRET, log)(app);
        apiKeyRoutes(apiKeys, env.GATEWAY_SECRET, log)(app);
      },
      jobs: [
        { name: 'deliver-email', cron: '* * * * *', run: async () => void (await notifications.deliverDue()) },
        // hourly: each person's digest goes at the first run on or after 08:00 their time; tests pass `now`
        {
          name: 'send-digests',
          cron: '7 * * * *',
          run: async (now?: Date) => void (await digests.sendDue(now ?? new Date())),
        },
        { name: 'deliver-webhooks', cron: '* * * * *', run: async () => void (await webhookDeliverer.deliverDue()) },
        { name: 'prune-webhooks', cron: '43 3 * * *', run: async () => void (await webhookDeliverer.prune()) },
        // single sign-on attempts anyone can start: kept an hour past their end, not a day
        { name: 'prune-sso-attempts', cron: '*/10 * * * *', run: async () => void (await organizationSignIn.prune()) },
        {
          name: 'prune-auth',
          cron: '17 3 * * *',
          run: async () => {
            await guard.prune();
            await sessions.prune();
            await passwords.prune();
            await secondFactor.prune();
          },
        },
      ],
    };
  },
};
