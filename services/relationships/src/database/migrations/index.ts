import { CreateRelationships1763800000000 } from './1763800000000-create-relationships';

/** In order of their timestamps. Never edit one that has landed: add a new one. */
export const migrations = [CreateRelationships1763800000000];
