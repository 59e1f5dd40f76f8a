/**
 * Me › Emails names each kind of notification from the catalogue (`emailKind.<KIND>`, looked up at run time):
 * every kind identity can send has its label in English (French follows by the catalogue's type).
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../apps/web/src/i18n/en';
import { NOTIFICATION_KINDS } from '../../services/identity/src/modules/notifications/notification.kinds';

describe('the labels of the email switches', () => {
  it('should name every kind of notification, and no kind that does not exist', () => {
    const labelled = Object.keys(en)
      .filter((k) => k.startsWith('emailKind.'))
      .map((k) => k.slice('emailKind.'.length))
      .sort();
    expect(labelled).toEqual([...NOTIFICATION_KINDS].sort());
  });
});
