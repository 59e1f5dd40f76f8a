import { CreateMatching1763800000000 } from './1763800000000-create-matching';

/** In order of their timestamps. Never edit one that has landed: add a new one. */
export const migrations = [CreateMatching1763800000000];
