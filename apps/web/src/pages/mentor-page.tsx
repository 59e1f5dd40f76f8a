/** A mentor's public profile, and the request: the programme (one the mentee joined) and a message. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useIntl } from 'react-intl';
import { Field, FormErrors, fieldErrors, nodesOf, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useT } from '../i18n/locale';
import { AskMentor } from './questions/ask-mentor';
import { Page, Query, enumKey, outcomeErrors } from '../ui';

const MentorQuery = graphql(`
  query WebMentor($id: ID!) {
    user(id: $id) {
      id
      displayName
      mentorProfile {
        headline
        bio
        industry {
          label
        }
        occupation {
          label
        }
        yearsExperience
        skills
        languages
        city
        country
        meetingPreferences
        hoursPerMonth
      }
    }
    me {
      id
      roles
      enrollmentsConnection(first: 20) {
        edges {
          node {
            id
            role
            programme {
              id
              name
            }
          }
        }
      }
    }
  }
`);

const SendRequestMutation = graphql(`
  mutation WebSendRequest($mentorId: ID!, $programmeId: ID!, $message: String!) {
    sendMentoringRequest(mentorId: $mentorId, programmeId: $programmeId, message: $message) {
      request {
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

export function MentorPage() {
  const { id = '' } = useParams();
  const t = useT();
  const intl = useIntl();
  const navigate = useNavigate();
  const [result, retry] = useQuery({ query: MentorQuery, variables: { id } });
  const [, send] = useMutation(SendRequestMutation);
  const [programmeId, setProgrammeId] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  return (
    <Query {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
      {({ user, me }) => {
        const p = user.mentorProfile;
        const programmes = nodesOf(me.enrollmentsConnection)
          .filter((e) => e.role === 'MENTEE')
          .map((e) => e.programme);
        const chosen = programmeId || programmes[0]?.id || '';
        async function submit(event: FormEvent) {
          event.preventDefault();
          if (!message.trim()) {
            setErrors([{ field: 'message', code: 'REQUIRED', message: t('mentor.messageRequired') }]);
            return;
          }
          setBusy(true);
          const res = await send({ mentorId: user.id, programmeId: chosen, message });
          const errs = outcomeErrors(res, res.data?.sendMentoringRequest.errors, t('state.unreachable'));
          setErrors(errs);
          setBusy(false);
          if (!errs.length) void navigate('/requests', { state: { notice: 'sent' } });
        }
        const { byField, other } = fieldErrors(errors, ['message', 'programmeId', 'mentorId']);
        return (
          <Page title={user.displayName ?? ''} lead={p?.headline}>
            {p && (
              <section className="card" aria-labelledby="about-title">
                <h2 id="about-title">{t('mentor.about')}</h2>
                {p.bio && <p>{p.bio}</p>}
                <dl className="facts">
                  {p.occupation && (
                    <>
                      <dt>{t('profile.occupation')}</dt>
                      <dd>{p.occupation.label}</dd>
                    </>
                  )}
                  {p.industry && (
                    <>
                      <dt>{t('profile.industry')}</dt>
                      <dd>{p.industry.label}</dd>
                    </>
                  )}
                  {p.yearsExperience != null && (
                    <>
                      <dt>{t('profile.years')}</dt>
                      <dd>{t('mentor.years', { count: p.yearsExperience })}</dd>
                    </>
                  )}
                  {p.skills.length > 0 && (
                    <>
                      <dt>{t('profile.skills')}</dt>
                      <dd>{intl.formatList(p.skills)}</dd>
                    </>
                  )}
                  {p.languages.length > 0 && (
                    <>
                      <dt>{t('profile.languages')}</dt>
                      <dd>{intl.formatList(p.languages)}</dd>
                    </>
                  )}
                  {(p.city || p.country) && (
                    <>
                      <dt>{t('profile.city')}</dt>
                      <dd>{[p.city, p.country].filter(Boolean).join(', ')}</dd>
                    </>
                  )}
                  {p.meetingPreferences.length > 0 && (
                    <>
                      <dt>{t('profile.modes')}</dt>
                      <dd>{intl.formatList(p.meetingPreferences.map((m) => t(enumKey('mode', m))))}</dd>
                    </>
                  )}
                </dl>
              </section>
            )}
            {me.roles?.includes('MENTEE') &&
              (programmes.length ? (
                <form className="card" onSubmit={submit} noValidate aria-labelledby="request-title">
                  <h2 id="request-title">{t('mentor.request', { name: user.displayName ?? '' })}</h2>
                  <p className="muted">{t('mentor.requestHint')}</p>
                  <FormErrors messages={other} />
                  {programmes.length > 1 && (
                    <Field id="programme" label={t('search.programme')} error={byField.programmeId}>
                      <select id="programme" value={chosen} onChange={(e) => setProgrammeId(e.target.value)}>
                        {programmes.map((pr) => (
                          <option key={pr.id} value={pr.id}>
                            {pr.name}
                          </option>
                        ))}
                      </select>
                    </Field>
                  )}
                  <Field id="message" label={t('mentor.message')} error={byField.message}>
                    <textarea
                      id="message"
                      rows={5}
                      value={message}
                      onChange={(e) => setMessage(e.target.value)}
                      aria-invalid={!!byField.message}
                      aria-describedby={byField.message ? 'message-error' : undefined}
                    />
                  </Field>
                  <div className="actions">
                    <button type="submit" className="primary" disabled={busy}>
                      {t('mentor.send')}
                    </button>
                  </div>
                </form>
              ) : (
                <p className="state state-info">
                  {t('search.joinFirst')} <Link to="/programmes">{t('nav.programmes')}</Link>
                </p>
              ))}
            {me.roles?.includes('MENTEE') && <AskMentor mentorId={user.id} name={user.displayName ?? ''} />}
          </Page>
        );
      }}
    </Query>
  );
}
