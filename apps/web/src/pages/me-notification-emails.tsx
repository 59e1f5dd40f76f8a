/**
 * Me › Emails: one switch per kind of notification, whether it also comes by email (in-app it always does).
 * Security notices (a password change) are always emailed: their switch shows on and cannot be changed.
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FormErrors, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useT } from '../i18n/locale';
import { Query, enumKey, outcomeErrors } from '../ui';

const EmailsQuery = graphql(`
  query WebNotificationEmails {
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

const SetDeliveryMutation = graphql(`
  mutation WebSetNudgeEmailDelivery($delivery: NudgeEmailDelivery!) {
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

const SetEmailMutation = graphql(`
  mutation WebSetNotificationEmail($kind: NotificationKind!, $email: Boolean!) {
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

type Kind = NonNullable<ResultOf<typeof EmailsQuery>['me']['notificationEmails']>[number]['kind'];
type Delivery = NonNullable<ResultOf<typeof EmailsQuery>['me']['nudgeEmailDelivery']>;

export function NotificationEmails() {
  const t = useT();
  const [result, retry] = useQuery({ query: EmailsQuery });
  const [{ fetching }, setEmail] = useMutation(SetEmailMutation);
  const [{ fetching: choosing }, setDelivery] = useMutation(SetDeliveryMutation);
  // the choice shows at once; it goes back to the saved one if saving fails
  const [chosen, setChosen] = useState<Delivery | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);

  async function choose(delivery: Delivery) {
    setChosen(delivery);
    const res = await setDelivery({ delivery });
    if (res.error || res.data?.setNudgeEmailDelivery.errors.length) setChosen(null);
    setErrors(outcomeErrors(res, res.data?.setNudgeEmailDelivery.errors, t('state.unreachable')));
  }

  async function toggle(kind: Kind, email: boolean) {
    const res = await setEmail({ kind, email });
    setErrors(outcomeErrors(res, res.data?.setNotificationEmail.errors, t('state.unreachable')));
  }

  return (
    <>
      <p className="muted">{t('me.emailsLead')}</p>
      <FormErrors messages={errors.map((e) => e.message)} />
      <Query {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
        {({ me }) => (
          <>
            <fieldset className="nudge-delivery">
              <legend>{t('me.nudgeDelivery')}</legend>
              <p className="muted" id="nudge-delivery-lead">
                {t('me.nudgeDeliveryLead')}
              </p>
              {(['DAILY_DIGEST', 'EACH'] as const).map((d) => (
                <label className="check" key={d}>
                  <input
                    type="radio"
                    name="nudge-delivery"
                    value={d}
                    aria-describedby="nudge-delivery-lead"
                    checked={(chosen ?? me.nudgeEmailDelivery ?? 'DAILY_DIGEST') === d}
                    disabled={choosing && chosen !== d}
                    onChange={() => void choose(d)}
                  />{' '}
                  {t(d === 'EACH' ? 'me.nudgeEach' : 'me.nudgeDigest')}
                </label>
              ))}
            </fieldset>
            <ul className="switches" aria-label={t('me.emails')}>
              {(me.notificationEmails ?? []).map((s) => (
                <li key={s.kind}>
                  <label className="check">
                    <input
                      type="checkbox"
                      role="switch"
                      data-kind={s.kind}
                      checked={s.email}
                      disabled={!s.canTurnOff || fetching}
                      onChange={(e) => void toggle(s.kind, e.target.checked)}
                    />{' '}
                    {t(enumKey('emailKind', s.kind))}
                    {!s.canTurnOff && <span className="muted"> ({t('me.emailsAlways')})</span>}
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </Query>
    </>
  );
}
