/**
 * Saves the app's language on the account, which the platform's notifications and emails follow (shared with
 * the admin app: @tandem/ui's SavedLanguage). When the session starts, an account without a saved language takes
 * the one the app speaks, and a choice made on this device (before signing in) replaces the saved one; switching
 * the language while signed in saves it. A device whose language came from the browser keeps showing it.
 */
export { SavedLanguage, useSaveLanguage } from '@tandem/ui';
