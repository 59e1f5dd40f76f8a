/**
 * The session store's own messages (a refused sign-in, a rate limit) in the current language: the store is
 * made once, so it reads these through getters that follow the locale the app last set.
 */
import type { SessionMessages } from '@tandem/ui';
import { en } from './i18n/en';

let catalog: Record<keyof typeof en, string> = en;

export function setSessionCatalog(next: Record<keyof typeof en, string>): void {
  catalog = next;
}

export const sessionMessages: SessionMessages = {
  get rateLimited() {
    return catalog['session.rateLimited'];
  },
  get sessionEnded() {
    return catalog['session.ended'];
  },
  get signInFailed() {
    return catalog['session.signInFailed'];
  },
  get registerFailed() {
    return catalog['session.registerFailed'];
  },
  get registeredSignInFailed() {
    return catalog['session.registeredSignInFailed'];
  },
  get passwordNotChanged() {
    return catalog['session.passwordNotChanged'];
  },
  get resetNotSent() {
    return catalog['session.resetNotSent'];
  },
  get passwordNotSet() {
    return catalog['session.passwordNotSet'];
  },
  serverAnswered: (status: number) => catalog['session.serverAnswered'].replace('{status}', String(status)),
};
