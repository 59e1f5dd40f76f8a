/** Live signals: a long list of recipients is split so that each NOTIFY stays under Postgres's 8,000-byte limit. */
import { describe, expect, it } from 'vitest';
import { parseLiveSignal } from '@tandem/contracts';
import { livePayloads } from '../src/live';

const ORG = '00000000-0000-4000-8000-0000000000aa';

describe('livePayloads', () => {
  it('should split many recipients into payloads under 8,000 bytes, each naming the organisation once', () => {
    const to = Array.from({ length: 250 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const payloads = livePayloads([{ kind: 'NOTIFICATION', id: 'x', to: [...to, to[0]], staffOf: ORG }]);
    expect(payloads).toHaveLength(3);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    const parsed = payloads.map((p) => parseLiveSignal(p)!);
    expect(parsed.flatMap((p) => p.to)).toEqual(to);
    expect(parsed.map((p) => p.staffOf)).toEqual([ORG, null, null]);
  });

  it('should send nothing for a signal without recipients', () => {
    expect(livePayloads([{ kind: 'MESSAGE', id: 'r', to: [] }])).toEqual([]);
  });
});
