import { randomUUID } from 'node:crypto';
import {
  FieldErrors,
  isUuid,
  NotFound,
  outcome,
  refuse,
  requireRole,
  type Database,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { programmeIdOf } from '../shared/programme-id';
import type { CohortInput } from './programme.inputs';
import type { ProgrammeRepository } from './programme.repository';
import type { ProgrammeService } from './programme.service';
import { programmeResult, type ProgrammeResult } from './programme.type';

/** A programme's cohorts, added and changed by PROGRAMME_ADMIN and ADMIN; each change republishes the programme. */
export class CohortService {
  constructor(
    private readonly repo: ProgrammeRepository,
    private readonly programmes: ProgrammeService,
    private readonly db: Database,
  ) {}

  /** Adds a cohort to the programme named by `programmeId` (or its former name `programId`). */
  async add(
    ctx: SubgraphContext,
    programme: { programmeId?: string | null; programId?: string | null },
    input: CohortInput,
  ): Promise<ProgrammeResult> {
    requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN');
    return programmeResult(
      await outcome('programme', async () => {
        const programmeId = programmeIdOf(programme, 'programmeId');
        if (!programmeId) throw refuse('programmeId', 'REQUIRED', 'Name the programme.');
        return this.save(programmeId, null, input);
      }),
    );
  }

  async update(ctx: SubgraphContext, cohortId: string, input: CohortInput): Promise<ProgrammeResult> {
    requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN');
    return programmeResult(await outcome('programme', () => this.save(null, cohortId, input)));
  }

  private save(programmeId: string | null, cohortId: string | null, input: CohortInput) {
    return this.db.transaction(async (tx) => {
      const existing = cohortId && isUuid(cohortId) ? (await this.repo.cohortsByIds([cohortId], tx))[0] : null;
      if (cohortId && !existing) throw NotFound('Cohort');
      const pid = existing?.programmeId ?? programmeId!;
      const programme = isUuid(pid) ? await this.repo.lock(tx, pid) : null;
      if (!programme) throw NotFound('Programme');
      const errors = new FieldErrors();
      const name = input.name.trim();
      if (!name) errors.add('input.name', 'REQUIRED', 'Name the cohort.');
      if (input.endsOn < input.startsOn)
        errors.add('input.endsOn', 'BEFORE_START', 'The cohort must end on or after its start.');
      errors.throwIfAny();
      await this.repo.saveCohort(tx, {
        id: existing?.id ?? randomUUID(),
        programmeId: programme.id,
        name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      });
      return this.programmes.publish(tx, programme.id);
    });
  }
}
