import { CreateMatching1763800000000 } from './1763800000000-create-matching';
import { QuestionOrganization1763900000000 } from './1763900000000-question-organization';

/** In order of their timestamps. Never edit one that has landed: add a new one. */
export const migrations = [CreateMatching1763800000000, QuestionOrganization1763900000000];
