/** The session store's own messages (a refused sign-in, a rate limit) in the current language (@tandem/ui). */
import { catalogSessionMessages } from '@tandem/ui';
import { en } from './i18n/en';

const session = catalogSessionMessages(en);
export const setSessionCatalog = session.setCatalog;
export const sessionMessages = session.messages;
