/**
 * Emails: the signed-in staff member's switches, one per kind of notification their roles can receive (a coach is
 * told when a pair reaches its hours, an administrator when a webhook endpoint is disabled), whether it also comes
 * by email; in the app it always shows. Security notices (a password change) are always emailed.
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FormErrors, QueryState, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useT, type MessageId } from '../i18n/locale';

const EmailsQuery = graphql(`
  query StaffNotificationEmails {
    me {
      id
      nudgeEmailDelivery
      notificationEmails {
        kind
        email
        canTurnOff
      }
    }
  }
`);

const SetEmailMutation = graphql(`
  mutation StaffSetNotificationEmail($kind: NotificationKind!, $email: Boolean!) {
    setNotificationEmail(kind: $kind, email: $email) {
      user {
        id
        notificationEmails {
          kind
          email
          canTurnOff
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const SetDeliveryMutation = graphql(`
  mutation StaffSetNudgeEmailDelivery($delivery: NudgeEmailDelivery!) {
    setNudgeEmailDelivery(delivery: $delivery) {
      user {
        id
        nudgeEmailDelivery
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type Kind = NonNullable<ResultOf<typeof EmailsQuery>['me']['notificationEmails']>[number]['kind'];
type Delivery = NonNullable<ResultOf<typeof EmailsQuery>['me']['nudgeEmailDelivery']>;

/** What each kind is, in the words of the person who receives it. */
const LABELS: Record<Kind, MessageId> = {
  REQUEST_RECEIVED: 'emails.kind.REQUEST_RECEIVED',
  REQUEST_ACCEPTED: 'emails.kind.REQUEST_ACCEPTED',
  REQUEST_DECLINED: 'emails.kind.REQUEST_DECLINED',
  REQUEST_EXPIRING: 'emails.kind.REQUEST_EXPIRING',
  REQUEST_EDITED: 'emails.kind.REQUEST_EDITED',
  QUESTION_ASKED: 'emails.kind.QUESTION_ASKED',
  QUESTION_ANSWERED: 'emails.kind.QUESTION_ANSWERED',
  MATCH_PROPOSED: 'emails.kind.MATCH_PROPOSED',
  AGREEMENT_AWAITING_SIGNATURE: 'emails.kind.AGREEMENT_AWAITING_SIGNATURE',
  MEETING_AWAITING_CONFIRMATION: 'emails.kind.MEETING_AWAITING_CONFIRMATION',
  MENTOR_APPLICATION_APPROVED: 'emails.kind.MENTOR_APPLICATION_APPROVED',
  MENTOR_APPLICATION_REJECTED: 'emails.kind.MENTOR_APPLICATION_REJECTED',
  AUDIT_VERIFICATION_REQUESTED: 'emails.kind.AUDIT_VERIFICATION_REQUESTED',
  AUDIT_EVIDENCE_REQUESTED: 'emails.kind.AUDIT_EVIDENCE_REQUESTED',
  AUDIT_EVIDENCE_DUE_SOON: 'emails.kind.AUDIT_EVIDENCE_DUE_SOON',
  RELATIONSHIP_TERMS_MET: 'emails.kind.RELATIONSHIP_TERMS_MET',
  COACH_THREAD_MESSAGE: 'emails.kind.COACH_THREAD_MESSAGE',
  PULSE_ASKED: 'emails.kind.PULSE_ASKED',
  PULSE_LOW: 'emails.kind.PULSE_LOW',
  RELATIONSHIP_AT_RISK: 'emails.kind.RELATIONSHIP_AT_RISK',
  MEETING_PROPOSED: 'emails.kind.MEETING_PROPOSED',
  MEETING_RESCHEDULED: 'emails.kind.MEETING_RESCHEDULED',
  MEETING_ACCEPTED: 'emails.kind.MEETING_ACCEPTED',
  MEETING_DECLINED: 'emails.kind.MEETING_DECLINED',
  MEETING_CANCELLED: 'emails.kind.MEETING_CANCELLED',
  PASSWORD_CHANGED: 'emails.kind.PASSWORD_CHANGED',
  WEBHOOK_ENDPOINT_DISABLED: 'emails.kind.WEBHOOK_ENDPOINT_DISABLED',
  NO_RECENT_MEETING: 'emails.kind.NO_RECENT_MEETING',
  MEETING_CONFIRMATION_REMINDER: 'emails.kind.MEETING_CONFIRMATION_REMINDER',
  CHECK_IN_DUE: 'emails.kind.CHECK_IN_DUE',
  CREDENTIAL_ISSUED: 'emails.kind.CREDENTIAL_ISSUED',
  CREDENTIAL_REVOKED: 'emails.kind.CREDENTIAL_REVOKED',
  CREDENTIAL_REQUESTED: 'emails.kind.CREDENTIAL_REQUESTED',
  CREDENTIAL_REQUEST_DECLINED: 'emails.kind.CREDENTIAL_REQUEST_DECLINED',
  MEETING_REMINDER: 'emails.kind.MEETING_REMINDER',
  MEETING_RECORD_PROMPT: 'emails.kind.MEETING_RECORD_PROMPT',
};

export function NotificationEmailsPage() {
  const [result, retry] = useQuery({ query: EmailsQuery });
  const [{ fetching }, setEmail] = useMutation(SetEmailMutation);
  const [{ fetching: choosing }, setDelivery] = useMutation(SetDeliveryMutation);
  // the choice shows at once; it goes back to the saved one if saving fails
  const [chosen, setChosen] = useState<Delivery | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const t = useT();

  async function choose(delivery: Delivery) {
    setChosen(delivery);
    const res = await setDelivery({ delivery });
    if (res.error || res.data?.setNudgeEmailDelivery.errors.length) setChosen(null);
    setErrors(
      res.error
        ? [{ field: '', code: 'ERROR', message: t('emails.failed') }]
        : [...(res.data?.setNudgeEmailDelivery.errors ?? [])],
    );
  }

  async function toggle(kind: Kind, email: boolean) {
    const res = await setEmail({ kind, email });
    setErrors(
      res.error
        ? [{ field: '', code: 'ERROR', message: t('emails.failed') }]
        : [...(res.data?.setNotificationEmail.errors ?? [])],
    );
  }

  return (
    <section aria-labelledby="emails-title">
      <h1 id="emails-title">{t('nav.emails')}</h1>
      <p className="muted">{t('emails.lead')}</p>
      <FormErrors messages={errors.map((e) => e.message)} />
      <QueryState {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
        {({ me }) => (
          <>
            <fieldset className="nudge-delivery">
              <legend>{t('emails.digest.legend')}</legend>
              <p className="muted" id="nudge-delivery-lead">
                {t('emails.digest.lead')}
              </p>
              {(
                [
                  ['DAILY_DIGEST', 'emails.digest.daily'],
                  ['EACH', 'emails.digest.each'],
                ] as const
              ).map(([d, label]) => (
                <label key={d}>
                  <input
                    type="radio"
                    name="nudge-delivery"
                    value={d}
                    aria-describedby="nudge-delivery-lead"
                    checked={(chosen ?? me.nudgeEmailDelivery ?? 'DAILY_DIGEST') === d}
                    disabled={choosing && chosen !== d}
                    onChange={() => void choose(d)}
                  />{' '}
                  {t(label)}
                </label>
              ))}
            </fieldset>
            <ul className="switches" aria-label={t('emails.label')}>
              {(me.notificationEmails ?? []).map((s) => (
                <li key={s.kind}>
                  <label>
                    <input
                      type="checkbox"
                      role="switch"
                      data-kind={s.kind}
                      checked={s.email}
                      disabled={!s.canTurnOff || fetching}
                      onChange={(e) => void toggle(s.kind, e.target.checked)}
                    />{' '}
                    {LABELS[s.kind] ? t(LABELS[s.kind]) : s.kind}
                    {!s.canTurnOff && <span className="muted"> {t('emails.always')}</span>}
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryState>
    </section>
  );
}
