/**
 * Emails: the signed-in staff member's switches, one per kind of notification their roles can receive (a coach is
 * told when a pair reaches its hours, an administrator when a webhook endpoint is disabled), whether it also comes
 * by email; in the app it always shows. Security notices (a password change) are always emailed.
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FormErrors, QueryState, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';

const EmailsQuery = graphql(`
  query StaffNotificationEmails {
    me {
      id
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

type Kind = NonNullable<ResultOf<typeof EmailsQuery>['me']['notificationEmails']>[number]['kind'];

/** What each kind is, in the words of the person who receives it. */
const LABELS: Record<Kind, string> = {
  REQUEST_RECEIVED: 'A mentee asks me to mentor them',
  REQUEST_ACCEPTED: 'A mentor accepts my request',
  REQUEST_DECLINED: 'A mentor declines my request',
  REQUEST_EXPIRING: 'A request to me is about to expire',
  REQUEST_EDITED: 'A mentee edits their request to me',
  QUESTION_ASKED: 'A mentee asks me a question',
  QUESTION_ANSWERED: 'A mentor answers my question',
  MATCH_PROPOSED: 'A coach proposes a match',
  AGREEMENT_AWAITING_SIGNATURE: 'An agreement awaits my signature',
  MEETING_AWAITING_CONFIRMATION: 'A meeting awaits my confirmation',
  MENTOR_APPLICATION_APPROVED: 'My mentor application is approved',
  MENTOR_APPLICATION_REJECTED: 'My mentor application is not approved',
  AUDIT_VERIFICATION_REQUESTED: 'An auditor asks me to confirm a meeting',
  AUDIT_EVIDENCE_REQUESTED: 'An audit selects my hours and asks for evidence',
  AUDIT_EVIDENCE_DUE_SOON: 'My audit’s deadline is near',
  RELATIONSHIP_TERMS_MET: 'A pair reaches the programme’s hours',
  COACH_THREAD_MESSAGE: 'A new message in a pair’s coach thread',
  PULSE_ASKED: 'My coach asks how my mentorship is going',
  PULSE_LOW: 'A partner answers a pulse check-in with 2 or less',
  RELATIONSHIP_AT_RISK: 'A pair is flagged at risk, with the reasons',
  MEETING_PROPOSED: 'My partner proposes a meeting',
  MEETING_RESCHEDULED: 'My partner proposes another time for a meeting',
  MEETING_ACCEPTED: 'My partner accepts a planned meeting',
  MEETING_DECLINED: 'My partner declines a planned meeting',
  MEETING_CANCELLED: 'My partner cancels a planned meeting',
  MEETING_REMINDER: 'A reminder before a planned meeting',
  MEETING_RECORD_PROMPT: 'A planned meeting has ended: record it',
  PASSWORD_CHANGED: 'My password is changed',
  WEBHOOK_ENDPOINT_DISABLED: 'A webhook endpoint is disabled after failing',
};

export function NotificationEmailsPage() {
  const [result, retry] = useQuery({ query: EmailsQuery });
  const [{ fetching }, setEmail] = useMutation(SetEmailMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);

  async function toggle(kind: Kind, email: boolean) {
    const res = await setEmail({ kind, email });
    setErrors(
      res.error
        ? [{ field: '', code: 'ERROR', message: 'Saving failed: try again.' }]
        : [...(res.data?.setNotificationEmail.errors ?? [])],
    );
  }

  return (
    <section aria-labelledby="emails-title">
      <h1 id="emails-title">Emails</h1>
      <p className="muted">
        Every notification shows in the app. Choose which also come to you by email; security notices always do.
      </p>
      <FormErrors messages={errors.map((e) => e.message)} />
      <QueryState {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
        {({ me }) => (
          <ul className="switches" aria-label="Notifications by email">
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
                  {LABELS[s.kind]}
                  {!s.canTurnOff && <span className="muted"> (always emailed)</span>}
                </label>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
