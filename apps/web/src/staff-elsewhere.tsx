/**
 * Staff in the participant app: their work is in the staff workspace (the admin app), so they are told so and
 * given its address (`VITE_STAFF_APP_URL`, set by `npm start` and the image build) instead of an empty app or
 * a sign-in that seems to do nothing (a staff sign-in's second step is asked only in the staff workspace).
 */
import { useT } from './i18n/locale';

const STAFF_APP_URL: string | undefined = import.meta.env.VITE_STAFF_APP_URL || undefined;

export function StaffElsewhere() {
  const t = useT();
  return (
    <div className="state state-info" role="status" id="staff-elsewhere">
      <p>{t('staff.elsewhere')}</p>
      <p className="form-links">
        {STAFF_APP_URL ? <a href={`${STAFF_APP_URL}/sign-in`}>{t('staff.openWorkspace')}</a> : t('staff.askAddress')}
      </p>
    </div>
  );
}
