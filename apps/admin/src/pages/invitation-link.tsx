/**
 * A programme's invitation link for participants: it opens the participant app (`VITE_PARTICIPANT_APP_URL`, set
 * by `npm start` and the image build) on the programme, through registration or sign-in, ready to join. Staff
 * paste it into their own emails, newsletters or a QR code on a flyer.
 */
import { useState } from 'react';
import { useT } from '../i18n/locale';

const PARTICIPANT_APP_URL: string | undefined = import.meta.env.VITE_PARTICIPANT_APP_URL || undefined;

export function invitationLink(programmeId: string): string | null {
  return PARTICIPANT_APP_URL ? `${PARTICIPANT_APP_URL}/programmes#programme-${programmeId}` : null;
}

export function InvitationLink({ programmeId, name }: { programmeId: string; name: string }) {
  const [copied, setCopied] = useState(false);
  const t = useT();
  const link = invitationLink(programmeId);
  if (!link) return null;
  const id = `invite-${programmeId}`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(link!);
      setCopied(true);
    } catch {
      // no clipboard here (an insecure origin, a refusal): the field is selected for a manual copy
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  }
  return (
    <div className="field">
      <label htmlFor={id}>{t('invitationLink.label')}</label>
      <div className="row">
        <input id={id} readOnly value={link} onFocus={(e) => e.target.select()} aria-describedby={`${id}-hint`} />
        <button type="button" onClick={() => void copy()} aria-label={t('invitationLink.copy', { name })}>
          {t('common.copy')}
        </button>
      </div>
      <small className="hint" id={`${id}-hint`}>
        {t('invitationLink.hint', { name })}
        {copied && ` ${t('invitationLink.copied')}`}
      </small>
    </div>
  );
}
