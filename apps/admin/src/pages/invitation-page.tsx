/** The page a staff invitation's link opens (/invitation?token=…): the account is made here, then the person signs in. */
import { Link } from 'react-router';
import { InvitationAccept, useUiLabels, type InvitationLabels } from '@tandem/ui';
import { LanguageSwitch, useT, type MessageId } from '../i18n/locale';

const ROLES = ['COACH', 'PROGRAMME_ADMIN', 'ANALYST', 'ADMIN', 'MENTEE', 'MENTOR'];

export function InvitationPage() {
  const t = useT();
  const words = useUiLabels();
  const labels: InvitationLabels = {
    title: t('invitation.title'),
    loading: t('state.loading'),
    invalid: t('invitation.invalid'),
    offer: ({ role, programmeName, email }) =>
      t(programmeName ? 'invitation.offerProgramme' : 'invitation.offer', {
        role: ROLES.includes(role) ? t(`invitation.as.${role}` as MessageId) : role,
        programme: programmeName ?? '',
        email,
      }),
    name: t('invitation.name'),
    submit: t('invitation.submit'),
    busy: t('invitation.busy'),
    done: t('invitation.done'),
    password: { ...words.password!, password: t('common.password'), confirmation: t('invitation.confirm') },
    unreachable: t('state.unreachable'),
  };
  return (
    <InvitationAccept
      className="sign-in"
      top={
        <div className="entry-top">
          <LanguageSwitch />
        </div>
      }
      labels={labels}
      signIn={<Link to="/sign-in">{t('invitation.signIn')}</Link>}
    />
  );
}
