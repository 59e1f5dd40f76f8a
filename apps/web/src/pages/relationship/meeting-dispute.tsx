/** "That is not what happened": the counterpart disputes a meeting the other logged, with a reason (it then counts for nothing). */
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useT } from '../../i18n/locale';
import { outcomeErrors } from '../../ui';

const DisputeMutation = graphql(`
  mutation WebDisputeMeeting($meetingId: ID!, $reason: String!) {
    disputeMeeting(meetingId: $meetingId, reason: $reason) {
      meeting {
        id
        status
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export function MeetingDispute({
  meetingId,
  label,
  onChange,
}: {
  meetingId: string;
  label: string;
  onChange: () => void;
}) {
  const t = useT();
  const [, dispute] = useMutation(DisputeMutation);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await dispute({ meetingId, reason });
    const errs = outcomeErrors(res, res.data?.disputeMeeting.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setOpen(false);
      onChange();
    }
  }
  const { byField, other } = fieldErrors(errors, ['reason']);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('meeting.dispute')}
        <span className="visually-hidden">: {label}</span>
      </button>
    );
  const id = `dispute-${meetingId}`;
  return (
    <form onSubmit={submit} noValidate aria-label={t('meeting.dispute')}>
      <FormErrors messages={other} />
      <Field id={id} label={t('meeting.disputeReason')} error={byField.reason}>
        <textarea id={id} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="submit">{t('meeting.disputeSend')}</button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
