/**
 * Me: the person's notifications (read them, open the screen each one is about), contact details, password,
 * time zone, calendar feed and reminders, sign-in email (changed only with the password and a confirmation from the new address), a download of
 * everything the platform holds about them, and the deletion of the account.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import {
  useLiveRefresh,
  confirmationError,
  Field,
  FormErrors,
  fieldErrors,
  NewPasswordFields,
  Pager,
  useAuth,
  usePager,
  type FieldError,
} from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import { usePasswordLabels } from '../password-labels';
import { Badge, Page, Query, outcomeErrors } from '../ui';
import { NotificationEmails } from './me-notification-emails';
import { MyCalendar } from './me-calendar';
import { MyTimeZone } from './me-time-zone';
import { MyTraining } from './me-training';

const PAGE_SIZE = 10;
const Errors = `errors { field code message }`;

const MeQuery = graphql(`
  query WebMe($first: Int, $after: String) {
    me {
      id
      displayName
      contact {
        email
        phone
      }
      pendingEmailChange {
        email
        expiresAt
      }
      notifications(first: $first, after: $after) {
        unreadCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            kind
            title
            body
            link
            createdAt
            read
          }
        }
      }
    }
  }
`);
type Me = ResultOf<typeof MeQuery>['me'];

const MarkReadMutation = graphql(`
  mutation WebMarkRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all) {
      updated
      unreadCount
      ${Errors}
    }
  }
`);

const ContactMutation = graphql(`
  mutation WebContact($input: UpdateContactDetailsInput!) {
    updateContactDetails(input: $input) {
      user {
        id
        displayName
        contact {
          email
          phone
        }
      }
      ${Errors}
    }
  }
`);

const EmailChangeMutation = graphql(`
  mutation WebRequestEmailChange($input: RequestEmailChangeInput!) {
    requestEmailChange(input: $input) {
      pendingEmail
      expiresAt
      ${Errors}
    }
  }
`);

const ExportQuery = graphql(`
  query WebPersonalData {
    personalDataExport {
      userId
      generatedAt
      identity
      identityPeople {
        id
        displayName
      }
      matching
      matchingPeople {
        id
        displayName
      }
      relationships
      relationshipsPeople {
        id
        displayName
      }
      reporting
      reportingPeople {
        id
        displayName
      }
    }
  }
`);

const EraseMutation = graphql(`
  mutation WebErase($userId: ID!) {
    eraseAccount(userId: $userId) {
      erasedUserId
      ${Errors}
    }
  }
`);

export function MePage() {
  const t = useT();
  const pager = usePager();
  const [result, retry] = useQuery({ query: MeQuery, variables: { first: PAGE_SIZE, after: pager.after } });
  const refresh = () => retry({ requestPolicy: 'network-only' });
  // a new notification appears without a reload (live updates, or a check every 30 s when they are unavailable)
  useLiveRefresh((s) => s.kind === 'NOTIFICATION', refresh);
  return (
    <Page title={t('me.title')}>
      <nav className="jump" aria-label={t('me.sections')}>
        <a href="#notifications">{t('me.notifications')}</a>
        <a href="#training">{t('me.training')}</a>
        <a href="#emails">{t('me.emails')}</a>
        <a href="#time-zone">{t('me.timeZone')}</a>
        <a href="#calendar">{t('me.calendar')}</a>
        <a href="#contact">{t('me.contact')}</a>
        <a href="#security">{t('me.security')}</a>
        <a href="#data">{t('me.data')}</a>
      </nav>
      <Query {...result} retry={refresh}>
        {({ me }) => (
          <>
            <Notifications me={me} pager={pager} onChange={refresh} />
            <Section id="training" title={t('me.training')}>
              <MyTraining />
            </Section>
            <Section id="emails" title={t('me.emails')}>
              <NotificationEmails />
            </Section>
            <Section id="time-zone" title={t('me.timeZone')}>
              <MyTimeZone />
            </Section>
            <Section id="calendar" title={t('me.calendar')}>
              <MyCalendar />
            </Section>
            <Contact me={me} />
            <Security me={me} />
            <YourData me={me} />
          </>
        )}
      </Query>
    </Page>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="card" aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Notifications({ me, pager, onChange }: { me: Me; pager: ReturnType<typeof usePager>; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, markRead] = useMutation(MarkReadMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const list = me.notifications;
  if (!list) return null;
  const items = list.edges.map((e) => e.node);

  async function mark(ids: string[] | null) {
    const res = await markRead(ids ? { ids } : { all: true });
    const errs = outcomeErrors(res, res.data?.markNotificationsRead.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }

  return (
    <Section id="notifications" title={t('me.notifications')}>
      <p className="muted" role="status">
        {t('me.unread', { count: list.unreadCount })}
      </p>
      <FormErrors messages={errors.map((e) => e.message)} />
      {list.unreadCount > 0 && (
        <p>
          <button type="button" onClick={() => void mark(null)}>
            {t('me.markAllRead')}
          </button>
        </p>
      )}
      {items.length === 0 ? (
        <p className="state state-empty">{t('me.noNotifications')}</p>
      ) : (
        <ul className="list notifications">
          {items.map((n) => (
            <li key={n.id} className={`item${n.read ? '' : ' unread'}`} aria-labelledby={`n-${n.id}`}>
              <div className="result-head">
                <h3 id={`n-${n.id}`}>{n.title}</h3>
                {!n.read && <Badge tone="warn">{t('me.new')}</Badge>}
              </div>
              <p className="muted">{formatDate(n.createdAt, true)}</p>
              <p className="notification-body">{n.body}</p>
              <p className="row">
                {n.link && (
                  <Link
                    className="button primary"
                    to={n.link}
                    onClick={() => void (n.read ? undefined : mark([n.id]))}
                    aria-describedby={`n-${n.id}`}
                  >
                    {t('me.open')}
                  </Link>
                )}
                {!n.read && (
                  <button type="button" onClick={() => void mark([n.id])} aria-describedby={`n-${n.id}`}>
                    {t('me.markRead')}
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager
        pager={pager}
        hasNextPage={list.pageInfo.hasNextPage}
        endCursor={list.pageInfo.endCursor}
        labels={{
          pages: t('pager.pages'),
          previous: t('pager.previous'),
          next: t('pager.next'),
          page: (n) => t('pager.page', { n }),
        }}
      />
    </Section>
  );
}

function Contact({ me }: { me: Me }) {
  const t = useT();
  const [, save] = useMutation(ContactMutation);
  const [name, setName] = useState(me.displayName ?? '');
  const [phone, setPhone] = useState(me.contact?.phone ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    const res = await save({ input: { displayName: name.trim(), phone: phone.trim() } });
    const errs = outcomeErrors(res, res.data?.updateContactDetails.errors, t('state.unreachable'));
    setErrors(errs);
    setSaved(!errs.length);
    setBusy(false);
  }

  const { byField, other } = fieldErrors(errors, ['displayName', 'phone']);
  return (
    <Section id="contact" title={t('me.contact')}>
      <p className="muted">{t('me.contactLead')}</p>
      <form onSubmit={submit} noValidate>
        <FormErrors messages={other} />
        {saved && (
          <p className="state state-success" role="status">
            {t('me.contactSaved')}
          </p>
        )}
        <Field id="me-name" label={t('field.displayName')} error={byField.displayName}>
          <input
            id="me-name"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!byField.displayName}
            aria-describedby={byField.displayName ? 'me-name-error' : undefined}
          />
        </Field>
        <Field id="me-phone" label={t('field.phone')} error={byField.phone} hint={t('me.phoneHint')}>
          <input
            id="me-phone"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            aria-invalid={!!byField.phone}
            aria-describedby={byField.phone ? 'me-phone-error' : undefined}
          />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('me.saveContact')}
        </button>
      </form>
    </Section>
  );
}

function Security({ me }: { me: Me }) {
  const t = useT();
  return (
    <Section id="security" title={t('me.security')}>
      <ChangePassword />
      <ChangeEmail me={me} />
    </Section>
  );
}

function ChangePassword() {
  const t = useT();
  const { store } = useAuth();
  const labels = usePasswordLabels();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState<string | undefined>();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    setMessage(null);
    const confirmError = confirmationError(password, confirmation, labels);
    setMismatch(confirmError);
    if (confirmError) return;
    setBusy(true);
    try {
      const result = await store.changePassword({ currentPassword: current, newPassword: password });
      setErrors([...result.errors]);
      if (result.message) setMessage(result.message);
      if (result.ok) {
        setDone(true);
        setCurrent('');
        setPassword('');
        setConfirmation('');
      }
    } catch {
      setMessage(t('state.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['currentPassword', 'newPassword']);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="password-title">
      <h3 id="password-title">{t('me.passwordTitle')}</h3>
      <p className="muted">{t('me.passwordLead')}</p>
      <FormErrors messages={[...other, ...(message ? [message] : [])]} />
      {done && (
        <p className="state state-success" role="status">
          {t('me.passwordChanged')}
        </p>
      )}
      <Field id="currentPassword" label={t('me.currentPassword')} error={byField.currentPassword}>
        <input
          id="currentPassword"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          aria-invalid={!!byField.currentPassword}
          aria-describedby={byField.currentPassword ? 'currentPassword-error' : undefined}
          required
        />
      </Field>
      <NewPasswordFields
        password={password}
        confirmation={confirmation}
        onPassword={setPassword}
        onConfirmation={setConfirmation}
        passwordError={byField.newPassword}
        confirmationError={mismatch}
        labels={{ ...labels, password: t('password.newOne'), confirmation: t('password.confirmNew') }}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t('me.changePassword')}
      </button>
    </form>
  );
}

function ChangeEmail({ me }: { me: Me }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, request] = useMutation(EmailChangeMutation);
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [requested, setRequested] = useState<{ email: string; expiresAt: string } | null>(null);
  // the change asked for just now, or one asked for earlier (on any device) that still waits for its confirmation
  const pending = requested ?? me.pendingEmailChange;
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const res = await request({ input: { newEmail: newEmail.trim(), currentPassword: password } });
    const payload = res.data?.requestEmailChange;
    const errs = outcomeErrors(res, payload?.errors, t('state.unreachable'));
    setErrors(errs);
    setBusy(false);
    if (!errs.length && payload?.pendingEmail && payload.expiresAt) {
      setRequested({ email: payload.pendingEmail, expiresAt: payload.expiresAt });
      setNewEmail('');
      setPassword('');
    }
  }

  const { byField, other } = fieldErrors(errors, ['newEmail', 'currentPassword']);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="email-title">
      <h3 id="email-title">{t('me.emailTitle')}</h3>
      <p>{t('me.emailNow', { email: me.contact?.email ?? '' })}</p>
      {pending && (
        <div className="state state-info" role="status">
          <p>{t('me.emailPending', { email: pending.email, date: formatDate(pending.expiresAt, true) })}</p>
        </div>
      )}
      <p className="muted">{t('me.emailLead')}</p>
      <FormErrors messages={other} />
      <Field id="newEmail" label={t('me.newEmail')} error={byField.newEmail}>
        <input
          id="newEmail"
          type="email"
          inputMode="email"
          autoComplete="email"
          value={newEmail}
          onChange={(e) => setNewEmail(e.target.value)}
          aria-invalid={!!byField.newEmail}
          aria-describedby={byField.newEmail ? 'newEmail-error' : undefined}
          required
        />
      </Field>
      <Field id="emailPassword" label={t('me.currentPassword')} error={byField.currentPassword}>
        <input
          id="emailPassword"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={!!byField.currentPassword}
          aria-describedby={byField.currentPassword ? 'emailPassword-error' : undefined}
          required
        />
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {t('me.sendConfirmation')}
      </button>
    </form>
  );
}

function YourData({ me }: { me: Me }) {
  const t = useT();
  const client = useClient();
  const { store } = useAuth();
  const [, erase] = useMutation(EraseMutation);
  const [downloading, setDownloading] = useState(false);
  const [downloaded, setDownloaded] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function download() {
    setDownloading(true);
    setDownloaded(false);
    setExportError(null);
    const res = await client.query(ExportQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    setDownloading(false);
    if (!res.data) {
      setExportError(outcomeErrors(res, [], t('state.unreachable'))[0]?.message ?? t('state.unreachable'));
      return;
    }
    const blob = new Blob([JSON.stringify(res.data.personalDataExport, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `tandem-personal-data-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setDownloaded(true);
  }

  async function submitErase(event: FormEvent) {
    event.preventDefault();
    if (!understood) {
      setErrors([{ field: 'understood', code: 'REQUIRED', message: t('me.deleteTick') }]);
      return;
    }
    setBusy(true);
    const res = await erase({ userId: me.id });
    const errs = outcomeErrors(res, res.data?.eraseAccount.errors, t('state.unreachable'));
    setErrors(errs);
    setBusy(false);
    // every session has ended: the sign-in page says why (the session store's reason)
    if (!errs.length) store.clear('erased');
  }

  const { byField, other } = fieldErrors(errors, ['understood']);
  return (
    <Section id="data" title={t('me.data')}>
      <h3>{t('me.downloadTitle')}</h3>
      <p className="muted">{t('me.downloadLead')}</p>
      {exportError && (
        <p className="state state-error" role="alert">
          {exportError}
        </p>
      )}
      {downloaded && (
        <p className="state state-success" role="status">
          {t('me.downloaded')}
        </p>
      )}
      <p>
        <button type="button" onClick={() => void download()} disabled={downloading}>
          {downloading ? t('me.preparing') : t('me.download')}
        </button>
      </p>

      <h3 id="delete-title">{t('me.deleteTitle')}</h3>
      {!deleting ? (
        <p>
          <button type="button" className="danger" onClick={() => setDeleting(true)}>
            {t('me.deleteStart')}
          </button>
        </p>
      ) : (
        <form onSubmit={submitErase} noValidate aria-labelledby="delete-title" className="danger-zone">
          <p>{t('me.deleteWhat')}</p>
          <ul>
            <li>{t('me.deleteGone')}</li>
            <li>{t('me.deleteKept')}</li>
            <li>{t('me.deleteFinal')}</li>
          </ul>
          <FormErrors messages={other} />
          <div className={`field${byField.understood ? ' field-invalid' : ''}`}>
            <label className="check">
              <input
                type="checkbox"
                id="understood"
                checked={understood}
                onChange={(e) => setUnderstood(e.target.checked)}
                aria-invalid={!!byField.understood}
                aria-describedby={byField.understood ? 'understood-error' : undefined}
              />{' '}
              {t('me.deleteUnderstand')}
            </label>
            {byField.understood && (
              <span className="field-error" id="understood-error" role="alert">
                {byField.understood}
              </span>
            )}
          </div>
          <p className="row">
            <button type="submit" className="danger" disabled={busy}>
              {t('me.deleteConfirm')}
            </button>
            <button type="button" onClick={() => setDeleting(false)}>
              {t('common.cancel')}
            </button>
          </p>
        </form>
      )}
    </Section>
  );
}
