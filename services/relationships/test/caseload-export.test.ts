/* eslint-disable @typescript-eslint/no-explicit-any */
import { describe, expect, it, vi } from 'vitest';
import { Refusal } from '@tandem/subgraph-kit';
import { principal } from '@tandem/testkit';
import { CaseloadService, MAX_CASELOAD_EXPORT } from '../src/modules/caseload/caseload.service';

const org = '00000000-0000-4000-8000-000000000001';
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `rel-${String(i).padStart(5, '0')}`,
    status: 'ACTIVE',
    startedOn: '2026-11-01',
    atRiskFlags: [],
  }));

function setup(n: number) {
  const coach = principal('COACH', org);
  const publish = vi.fn();
  const transaction = vi.fn(async (work: (tx: unknown) => Promise<unknown>) => work({}));
  const sut = new CaseloadService(
    { runningOf: vi.fn(async () => rows(n)) } as any,
    { organizationScope: vi.fn(() => ({ principal: coach, organizationId: org })) } as any,
    {
      checkInRows: vi.fn(async (_ctx: unknown, ids: string[]) => ids.map(() => [])),
      checkInIntervals: vi.fn(async (_ctx: unknown, rels: unknown[]) => rels.map(() => 30)),
    } as any,
    () => new Date('2026-12-07T12:00:00Z'),
    { transaction } as any,
    { publish } as any,
  );
  return { sut, publish, coach };
}

describe(CaseloadService.name, () => {
  it('should record the export with its count and return every pair when the caseload fits one file', async () => {
    const { sut, publish, coach } = setup(3);
    const pairs = await sut.export({} as any, { organizationId: null, format: 'CSV' });
    expect(pairs.map((p) => p.id)).toEqual(['rel-00000', 'rel-00001', 'rel-00002']);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish.mock.calls[0][1]).toBe('CaseloadExported');
    expect(publish.mock.calls[0][2]).toEqual({
      exportedBy: coach.userId,
      organizationId: org,
      format: 'CSV',
      rowCount: 3,
      exportedAt: '2026-12-07T12:00:00.000Z',
    });
  });

  it('should refuse a caseload larger than one export holds, and record nothing', async () => {
    const { sut, publish } = setup(MAX_CASELOAD_EXPORT + 1);
    const refused = await sut.export({} as any, { organizationId: null, format: 'XLSX' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Refusal);
    expect((refused as Refusal).errors.map((e) => [e.field, e.code])).toEqual([['organizationId', 'TOO_MANY']]);
    expect(publish).not.toHaveBeenCalled();
  });
});
