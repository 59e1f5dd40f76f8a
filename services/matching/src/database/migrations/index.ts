import { CreateMatching1763800000000 } from './1763800000000-create-matching';
import { QuestionOrganization1763900000000 } from './1763900000000-question-organization';
import { MentorPlaceKeys1764000000000 } from './1764000000000-mentor-place-keys';
import { CohortRunScope1764200000000 } from './1764200000000-cohort-run-scope';
import { OrientationReadModel1766000100000 } from './1766000100000-orientation-read-model';
import { OrderedLoadAndErasedPeople1766100000000 } from './1766100000000-ordered-load-and-erased-people';
import { RequestEdits1766500000000 } from './1766500000000-request-edits';
import { TrainingReadModel1768100000100 } from './1768100000100-training-read-model';
import { MentorSearchVersion1769400000000 } from './1769400000000-mentor-search-version';
import { ProgrammeRequestExpiryReminder1769800000100 } from './1769800000100-programme-request-expiry-reminder';

/** In order of their timestamps. Never edit one that has landed: add a new one. */
export const migrations = [
  CreateMatching1763800000000,
  QuestionOrganization1763900000000,
  MentorPlaceKeys1764000000000,
  CohortRunScope1764200000000,
  OrientationReadModel1766000100000,
  OrderedLoadAndErasedPeople1766100000000,
  RequestEdits1766500000000,
  TrainingReadModel1768100000100,
  MentorSearchVersion1769400000000,
  ProgrammeRequestExpiryReminder1769800000100,
];
