import { CreateRelationshipsSkeleton1763800000000 } from './1763800000000-create-relationship';

/** In order of their timestamps. Never edit one that has landed: add a new one. */
export const migrations = [CreateRelationshipsSkeleton1763800000000];
