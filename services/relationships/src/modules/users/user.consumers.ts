import { consumers } from '@tandem/subgraph-kit';
import type { PersonProfileRepository } from './person-profile.repository';
import type { UserErasureRepository } from './user-erasure.repository';

/**
 * A person's profile facts relationships keeps (time zone, a mentor's capacity); a person who erased their
 * account: what they wrote here goes, and their profile facts.
 */
export const userConsumers = consumers<{ erasure: UserErasureRepository; people: PersonProfileRepository }>({
  MentorProfileChanged: (event, tx, { people }) => people.mentorChanged(tx, event.payload),
  MenteeProfileChanged: (event, tx, { people }) => people.menteeChanged(tx, event.payload),
  UserTimeZoneChanged: (event, tx, { people }) => people.chosenTimeZone(tx, event.payload),
  UserLanguageChanged: (event, tx, { people }) => people.languageChanged(tx, event.payload),
  UserErased: async (event, tx, { erasure, people }) => {
    await erasure.erase(tx, event.payload.userId);
    await people.erase(tx, event.payload.userId);
  },
});
