import { describe, expect, it } from 'vitest';
import { adminLinks, appLinks, linkUrl } from '../src/modules/notifications/notification.links';

describe(linkUrl.name, () => {
  const urls = { web: 'https://app.example.org/tandem/', admin: 'https://admin.example.org' };

  it('should open participant-app paths on the participant app and admin paths on the admin app', () => {
    expect(linkUrl(urls, appLinks.pulse('r1'))).toBe('https://app.example.org/tandem/relationships/r1#pulse');
    expect(adminLinks.relationship('r1')).toBe('admin:/relationships/r1');
    expect(linkUrl(urls, adminLinks.relationship('r1'))).toBe('https://admin.example.org/relationships/r1');
  });

  it("should open staff notices on the admin app's section of the thing they concern", () => {
    expect(linkUrl(urls, adminLinks.pulse('r1'))).toBe('https://admin.example.org/relationships/r1#pulse');
    expect(linkUrl(urls, adminLinks.atRisk('r1'))).toBe('https://admin.example.org/relationships/r1#flags');
    expect(linkUrl(urls, adminLinks.checkIns('r1'))).toBe('https://admin.example.org/relationships/r1#check-ins');
    expect(linkUrl(urls, adminLinks.webhookEndpoint('o1', 'e1'))).toBe(
      'https://admin.example.org/webhooks?organisation=o1#endpoint-e1',
    );
  });
});
