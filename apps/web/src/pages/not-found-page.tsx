import { Link } from 'react-router';
import { useT } from '../i18n/locale';
import { Page } from '../ui';

export function NotFoundPage() {
  const t = useT();
  return (
    <Page title={t('notFound.title')}>
      <p className="state state-empty">{t('notFound.body')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </Page>
  );
}
