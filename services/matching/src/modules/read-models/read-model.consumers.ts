/** What matching does with identity's profile, programme, enrolment, orientation and training events: keeps its read models current. */
import { consumers } from '@tandem/subgraph-kit';
import type { MentorLoadRepository } from '../load/mentor-load.repository';
import type { ReadModelRepository } from './read-model.repository';

export interface ReadModelDeps {
  readModels: ReadModelRepository;
  load: MentorLoadRepository;
}

export const readModelConsumers = consumers<ReadModelDeps>({
  MentorProfileChanged: async ({ payload }, tx, { readModels, load }) => {
    // a snapshot: newer wins, an older one arriving late changes nothing
    if (await readModels.upsertMentor(tx, payload)) await load.refresh(tx, payload.userId);
  },
  MenteeProfileChanged: async ({ payload }, tx, { readModels }) => readModels.upsertMentee(tx, payload),
  ProgrammeChanged: async ({ payload }, tx, { readModels }) => readModels.upsertProgramme(tx, payload),
  ProgrammeEnrolled: async ({ payload }, tx, { readModels }) => readModels.upsertEnrolment(tx, payload),
  OrientationAttended: async ({ payload }, tx, { readModels }) => readModels.orientationAttended(tx, payload),
  TrainingRequirementsChanged: async ({ payload }, tx, { readModels }) => readModels.trainingRequirements(tx, payload),
  TrainingCompleted: async ({ payload }, tx, { readModels }) => readModels.trainingCompleted(tx, payload),
  UserErased: async ({ payload }, tx, { readModels, load }) => {
    await readModels.forgetProfiles(tx, payload.userId);
    await load.forget(tx, payload.userId);
  },
});
