/**
 * A line of the staff audit log in words (issue 23): a role change the organisation's single sign-on made (its
 * details say `via: 'SSO'`) says so, in English and in French; an ADMIN's change reads as before.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { describeLine } from '../src/pages/audit-log-page';
import { en, type MessageId } from '../src/i18n/en';
import { frCA } from '../src/i18n/fr-CA';

const reader = (locale: 'en' | 'fr-CA') => {
  const catalogue = locale === 'en' ? en : frCA;
  return (id: MessageId, values?: Record<string, string | number>) =>
    String(new IntlMessageFormat(catalogue[id], locale).format(values));
};

describe('a roles-changed line of the staff audit log', () => {
  it('should say when the change came from single sign-on', () => {
    const t = reader('en');
    expect(describeLine(t, 'ROLES_CHANGED', { roles: ['COACH'], via: 'SSO' })).toBe(
      'Roles are now: coach (from the groups of the organisation’s single sign-on).',
    );
    expect(describeLine(t, 'ROLES_CHANGED', { roles: ['COACH'] })).toBe('Roles are now: coach.');
    expect(describeLine(t, 'ROLES_CHANGED', { roles: [], via: 'SSO' })).toMatch(/^Roles are now: .+ \(from the groups/);
  });

  it('should say it in French too', () => {
    const line = describeLine(reader('fr-CA'), 'ROLES_CHANGED', { roles: ['ANALYST'], via: 'SSO' });
    expect(line).toMatch(/^Les rôles sont maintenant\u00a0: .+ \(d’après les groupes de l’authentification unique/);
    expect(describeLine(reader('fr-CA'), 'ROLES_CHANGED', { roles: ['ANALYST'] })).not.toContain('authentification');
  });
});
