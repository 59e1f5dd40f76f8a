/**
 * The extension of an `_entities` answer in which identity lists the positions of the entities whose answer is
 * the same for every participant (an APPROVED mentor's name and headline), which the gateway may share between
 * callers until a PERSON live signal (issue 24; identity's modules/access/shared-answers.ts, the gateway's
 * shared-entities.ts).
 */
export const SHARED_ENTITIES_EXTENSION = 'sharedEntities';
