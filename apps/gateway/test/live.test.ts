/**
 * Who a live signal reaches (the people it names, and the coaches and programme admins of the organisation it
 * names, never its other staff or another organisation's), and how a signal from the channel is checked.
 */
import { describe, expect, it } from 'vitest';
import { parseLiveSignal, type LiveSignal, type Principal, type Role } from '@tandem/contracts';
import { isFor } from '../src/live';

const ORG = '00000000-0000-4000-8000-0000000000aa';
const person = (userId: string, roles: Role[], organizationId: string | null = null): Principal => ({
  userId,
  roles,
  organizationId,
});

describe('isFor', () => {
  const signal: LiveSignal = { kind: 'COACH_MESSAGE', id: 'r1', to: ['mentee', 'mentor'], staffOf: ORG };

  it('should reach the people it names and the coaches and programme admins of its organisation', () => {
    expect(isFor(signal, person('mentee', ['MENTEE']))).toBe(true);
    expect(isFor(signal, person('coach', ['COACH'], ORG))).toBe(true);
    expect(isFor(signal, person('pa', ['PROGRAMME_ADMIN'], ORG))).toBe(true);
  });

  it('should not reach a stranger, an analyst of the organisation or a coach of another', () => {
    expect(isFor(signal, person('stranger', ['MENTEE'], ORG))).toBe(false);
    expect(isFor(signal, person('analyst', ['ANALYST'], ORG))).toBe(false);
    expect(isFor(signal, person('coach', ['COACH'], '00000000-0000-4000-8000-0000000000bb'))).toBe(false);
    expect(isFor({ ...signal, staffOf: null }, person('coach', ['COACH'], ORG))).toBe(false);
  });
});

describe('parseLiveSignal', () => {
  it('should read a well-formed signal and refuse anything else', () => {
    expect(parseLiveSignal('{"kind":"MESSAGE","id":"r1","to":["a"]}')).toEqual({
      kind: 'MESSAGE',
      id: 'r1',
      to: ['a'],
      staffOf: null,
    });
    expect(parseLiveSignal('{"kind":"SOMETHING","id":"r1","to":[]}')).toBeNull();
    expect(parseLiveSignal('{"kind":"MESSAGE","id":"r1","to":[1]}')).toBeNull();
    expect(parseLiveSignal('not json')).toBeNull();
  });
});
