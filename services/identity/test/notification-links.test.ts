import { describe, expect, it } from 'vitest';
import { adminLinks, appLinks, linkUrl } from '../src/modules/notifications/notification.links';

describe(linkUrl.name, () => {
  const urls = { web: 'https://app.example.org/tandem/', admin: 'https://admin.example.org' };

  it('should open participant-app paths on the participant app and admin paths on the admin app', () => {
    expect(linkUrl(urls, appLinks.pulse('r1'))).toBe('https://app.example.org/tandem/relationships/r1#pulse');
    expect(adminLinks.relationship('r1')).toBe('admin:/relationships/r1');
    expect(linkUrl(urls, adminLinks.relationship('r1'))).toBe('https://admin.example.org/relationships/r1');
  });
});
