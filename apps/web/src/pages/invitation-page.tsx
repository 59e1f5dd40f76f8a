/** The page a participant's invitation link opens (/invitation?token=…): the account is made here, then they sign in. */
import { Link } from 'react-router';
import { InvitationAccept } from '@tandem/ui';
import { useT } from '../i18n/locale';
import { LanguageSwitch } from '../language-switch';
import { usePasswordLabels } from '../password-labels';
import { enumKey } from '../ui';

export function InvitationPage() {
  const t = useT();
  const password = usePasswordLabels();
  return (
    <InvitationAccept
      className="entry"
      top={
        <div className="entry-top">
          <span className="brand">
            <img src="/icons/icon.svg" alt="" width="32" height="32" /> Tandem
          </span>
          <LanguageSwitch />
        </div>
      }
      labels={{
        title: t('invitation.title'),
        loading: t('state.loading'),
        invalid: t('invitation.invalid'),
        offer: ({ role, programmeName, email }) =>
          t(programmeName ? 'invitation.offerProgramme' : 'invitation.offer', {
            role: t(enumKey('invitation.as', role)),
            programme: programmeName ?? '',
            email,
          }),
        name: t('field.displayName'),
        submit: t('register.submit'),
        busy: t('register.busy'),
        done: t('invitation.done'),
        password,
        unreachable: t('state.unreachable'),
      }}
      signIn={<Link to="/sign-in">{t('invitation.signIn')}</Link>}
    />
  );
}
