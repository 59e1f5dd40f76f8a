/** The partner's and the coach's contact details (shown once the relationship has started, while it runs). */
import { useT } from '../../i18n/locale';
import { Section } from './section';
import type { Relationship } from './relationship-query';

type Person = Relationship['mentor'];

/** A person's name with their email and phone as links, when the reader may see them. */
function PersonFacts({ role, person }: { role: string; person: Person }) {
  const t = useT();
  return (
    <>
      <dt>{role}</dt>
      <dd>{person.displayName ?? '—'}</dd>
      {person.contact && (
        <>
          <dt>{t('field.email')}</dt>
          <dd>
            <a href={`mailto:${person.contact.email}`}>{person.contact.email}</a>
          </dd>
          {person.contact.phone && (
            <>
              <dt>{t('field.phone')}</dt>
              <dd>
                <a href={`tel:${person.contact.phone}`}>{person.contact.phone}</a>
              </dd>
            </>
          )}
        </>
      )}
    </>
  );
}

export function Contact({ r }: { r: Relationship }) {
  const t = useT();
  const partner = r.viewerRole === 'MENTOR' ? r.mentee : r.mentor;
  const coaches = r.coaches.filter((c) => c.displayName);
  return (
    <Section id="contact" title={t('rel.contact')}>
      <dl className="facts">
        <PersonFacts role={t(r.viewerRole === 'MENTOR' ? 'rel.yourMentee' : 'rel.yourMentor')} person={partner} />
        {coaches.map((c) => (
          <PersonFacts key={c.id} role={t('rel.yourCoach')} person={c} />
        ))}
      </dl>
      {coaches.length === 0 && <p className="muted">{t('rel.noCoach')}</p>}
    </Section>
  );
}
