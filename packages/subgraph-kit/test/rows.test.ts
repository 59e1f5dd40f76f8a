import { describe, expect, it } from 'vitest';
import { prefixedColumns, splitJoined } from '../src/rows';

describe(splitJoined.name, () => {
  it('should give back the row and the joined row, null when the join found none', () => {
    expect(splitJoined({ id: 'g', title: 'Goal', 'm:id': 'm', 'm:dueOn': '2099-01-01' }, 'm:', 'id')).toEqual([
      { id: 'g', title: 'Goal' },
      { id: 'm', dueOn: '2099-01-01' },
    ]);
    expect(splitJoined({ id: 'g', 'm:id': null, 'm:dueOn': null }, 'm:', 'id')).toEqual([{ id: 'g' }, null]);
  });

  it('should name each joined column after its field, from the aliased table', () => {
    expect(
      prefixedColumns(
        [
          ['id', 'id'],
          ['dueOn', 'due_on::text'],
        ],
        'm',
        'm:',
      ),
    ).toBe('m.id AS "m:id", m.due_on::text AS "m:dueOn"');
  });
});
