/**
 * Me › Time zone: the IANA zone meeting times are shown and sent to the person in. Until they choose, the
 * browser's zone is proposed (and named as not saved yet).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useT } from '../i18n/locale';
import { TimeZoneSelect, browserTimeZone } from '../time-zone-select';
import { Query, outcomeErrors } from '../ui';

const TimeZoneQuery = graphql(`
  query WebMyTimeZone {
    me {
      id
      timeZone
    }
  }
`);

const SetTimeZoneMutation = graphql(`
  mutation WebSetTimeZone($timeZone: String!) {
    setTimeZone(timeZone: $timeZone) {
      user {
        id
        timeZone
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export function MyTimeZone() {
  const [result, retry] = useQuery({ query: TimeZoneQuery });
  return (
    <Query {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
      {({ me }) => <TimeZoneForm saved={me.timeZone ?? null} />}
    </Query>
  );
}

function TimeZoneForm({ saved }: { saved: string | null }) {
  const t = useT();
  const [zone, setZone] = useState(saved ?? browserTimeZone());
  const [{ fetching }, save] = useMutation(SetTimeZoneMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState(false);
  useEffect(() => setDone(false), [zone]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await save({ timeZone: zone });
    const problems = outcomeErrors(res, res.data?.setTimeZone.errors, t('state.unreachable'));
    setErrors(problems);
    setDone(problems.length === 0);
  }

  const { byField, other } = fieldErrors(errors, ['timeZone']);
  return (
    <form onSubmit={submit} noValidate>
      <p className="muted">{saved ? t('me.timeZoneLead') : t('me.timeZoneUnset')}</p>
      <FormErrors messages={other} />
      <Field id="me-time-zone" label={t('field.timeZone')} error={byField.timeZone}>
        <TimeZoneSelect id="me-time-zone" value={zone} onChange={setZone} invalid={!!byField.timeZone} />
      </Field>
      <button type="submit" className="primary" disabled={fetching}>
        {t('me.timeZoneSave')}
      </button>
      {done && (
        <p className="state state-success" role="status">
          {t('me.timeZoneSaved')}
        </p>
      )}
    </form>
  );
}
