import { Fragment } from 'react';
import { useT } from '../i18n/locale';

/**
 * The two partners of a relationship and how to reach them, on the admin app's relationship page: the coach of
 * the relationship's organisation sees their contact details while it is active (identity's rule), admins always.
 */

interface Partner {
  id: string;
  displayName: string | null;
  contact: { email: string; phone: string | null } | null;
}

export function RelationshipContacts({ mentee, mentor }: { mentee: Partner; mentor: Partner }) {
  const t = useT();
  const partners: Array<[string, Partner]> = [
    [t('common.mentee'), mentee],
    [t('common.mentor'), mentor],
  ];
  const hidden = partners.some(([, p]) => !p.contact);
  return (
    <>
      <h2>{t('contacts.title')}</h2>
      <dl className="facts" aria-label={t('contacts.label')}>
        {partners.map(([role, p]) => (
          <Fragment key={p.id}>
            <dt>{role}</dt>
            <dd>
              {p.displayName ?? '—'}
              {p.contact && (
                <>
                  {' · '}
                  <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a>
                  {p.contact.phone && (
                    <>
                      {' · '}
                      <a href={`tel:${p.contact.phone}`}>{p.contact.phone}</a>
                    </>
                  )}
                </>
              )}
            </dd>
          </Fragment>
        ))}
      </dl>
      {hidden && <p className="muted">{t('contacts.hidden')}</p>}
    </>
  );
}
