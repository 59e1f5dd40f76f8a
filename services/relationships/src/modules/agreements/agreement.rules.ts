/**
 * Who must sign a version of the partnership agreement: the mentor and the mentee always; the coach of the
 * relationship's organisation too when the version was drafted under a programme that asks for it (issue 19).
 * A version binds once every signature it needs is there.
 */
import type { AgreementSide, AgreementVersionRow } from './agreement.repository';

type Signatures = Pick<
  AgreementVersionRow,
  'mentorSignedAt' | 'menteeSignedAt' | 'coachSignatureRequired' | 'coachSignedAt'
>;

/** The sides that still have to sign this version, in the order the agreement names them. */
export function awaitingSides(v: Signatures): AgreementSide[] {
  const awaiting: AgreementSide[] = [];
  if (!v.mentorSignedAt) awaiting.push('MENTOR');
  if (!v.menteeSignedAt) awaiting.push('MENTEE');
  if (v.coachSignatureRequired && !v.coachSignedAt) awaiting.push('COACH');
  return awaiting;
}

export const isFullySigned = (v: Signatures): boolean => awaitingSides(v).length === 0;

/** When `side` has already signed this version. */
export function signedAt(v: Signatures, side: AgreementSide): Date | null {
  return side === 'MENTOR' ? v.mentorSignedAt : side === 'MENTEE' ? v.menteeSignedAt : v.coachSignedAt;
}
