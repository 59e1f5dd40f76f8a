import { CreateMatchingSkeleton1763800000000 } from './1763800000000-create-mentor_load';

/** In order of their timestamps. Never edit one that has landed: add a new one. */
export const migrations = [CreateMatchingSkeleton1763800000000];
