/**
 * Me › Calendar (issue 20): a private feed of the person's planned meetings for their calendar app (its secret
 * address shown once, when created, to copy; a new one replaces the old; revocable), how to subscribe to it, and
 * whether they are reminded an hour before each meeting too.
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import { Query, outcomeErrors } from '../ui';

const CalendarQuery = graphql(`
  query WebMyCalendar {
    me {
      id
      calendarFeed {
        createdAt
      }
      meetingReminderHourBefore
    }
  }
`);

const CreateFeedMutation = graphql(`
  mutation WebCreateCalendarFeed {
    createCalendarFeed {
      url
      calendarFeed {
        createdAt
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const RevokeFeedMutation = graphql(`
  mutation WebRevokeCalendarFeed {
    revokeCalendarFeed {
      revoked
      errors {
        field
        code
        message
      }
    }
  }
`);

const HourBeforeMutation = graphql(`
  mutation WebSetMeetingReminderHourBefore($enabled: Boolean!) {
    setMeetingReminderHourBefore(enabled: $enabled) {
      user {
        id
        meetingReminderHourBefore
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export function MyCalendar() {
  const t = useT();
  const formatDate = useFormatDate();
  const [result, retry] = useQuery({ query: CalendarQuery });
  const refresh = () => retry({ requestPolicy: 'network-only' });
  const [{ fetching: creating }, create] = useMutation(CreateFeedMutation);
  const [{ fetching: revoking }, revoke] = useMutation(RevokeFeedMutation);
  const [{ fetching: saving }, setHourBefore] = useMutation(HourBeforeMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);
  // the secret address, known only right after it was created (it is stored hashed)
  const [url, setUrl] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // the switch shows the choice at once; the saved one comes back with the next read
  const [hourBefore, setHourBeforeShown] = useState<boolean | null>(null);

  async function createFeed() {
    const res = await create({});
    const problems = outcomeErrors(res, res.data?.createCalendarFeed.errors, t('state.unreachable'));
    setErrors(problems);
    setUrl(problems.length ? null : (res.data?.createCalendarFeed.url ?? null));
    setNotice(null);
    refresh();
  }

  async function revokeFeed() {
    const res = await revoke({});
    const problems = outcomeErrors(res, res.data?.revokeCalendarFeed.errors, t('state.unreachable'));
    setErrors(problems);
    if (!problems.length) {
      setUrl(null);
      setNotice(t('me.calendarRevoked'));
    }
    refresh();
  }

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setNotice(t('me.calendarCopied'));
    } catch {
      // no clipboard (an old browser, or permission refused): the address stays selected to copy by hand
      (document.getElementById('me-calendar-url') as HTMLInputElement | null)?.select();
      setNotice(t('me.calendarCopyByHand'));
    }
  }

  async function toggleHourBefore(enabled: boolean) {
    setHourBeforeShown(enabled);
    const res = await setHourBefore({ enabled });
    const problems = outcomeErrors(res, res.data?.setMeetingReminderHourBefore.errors, t('state.unreachable'));
    setErrors(problems);
    if (problems.length) setHourBeforeShown(!enabled);
  }

  return (
    <Query {...result} retry={refresh}>
      {({ me }) => (
        <>
          <p className="muted">{t('me.calendarLead')}</p>
          <FormErrors messages={errors.map((e) => e.message)} />
          {url ? (
            <Field id="me-calendar-url" label={t('me.calendarUrl')} hint={t('me.calendarUrlOnce')}>
              <input id="me-calendar-url" type="text" readOnly value={url} onFocus={(e) => e.target.select()} />
            </Field>
          ) : (
            me.calendarFeed && <p>{t('me.calendarActive', { created: formatDate(me.calendarFeed.createdAt, true) })}</p>
          )}
          <div className="actions">
            {url && (
              <button type="button" className="primary" onClick={() => void copy()}>
                {t('me.calendarCopy')}
              </button>
            )}
            <button
              type="button"
              className={url ? undefined : 'primary'}
              disabled={creating}
              onClick={() => void createFeed()}
            >
              {me.calendarFeed ? t('me.calendarReplace') : t('me.calendarCreate')}
            </button>
            {me.calendarFeed && (
              <button type="button" className="danger" disabled={revoking} onClick={() => void revokeFeed()}>
                {t('me.calendarRevoke')}
              </button>
            )}
          </div>
          {notice && (
            <p className="state state-success" role="status">
              {notice}
            </p>
          )}
          <h3>{t('me.calendarHowTitle')}</h3>
          <ul>
            <li>{t('me.calendarHowGoogle')}</li>
            <li>{t('me.calendarHowApple')}</li>
            <li>{t('me.calendarHowOutlook')}</li>
          </ul>
          <p className="muted">{t('me.calendarPrivate')}</p>
          <h3>{t('me.remindersTitle')}</h3>
          <p className="muted">{t('me.remindersLead')}</p>
          <label className="check">
            <input
              type="checkbox"
              role="switch"
              checked={hourBefore ?? me.meetingReminderHourBefore ?? false}
              disabled={saving}
              onChange={(e) => void toggleHourBefore(e.target.checked)}
            />{' '}
            {t('me.remindersHourBefore')}
          </label>
        </>
      )}
    </Query>
  );
}
