import type { FieldErrors } from '@tandem/subgraph-kit';
import type { NewGoal } from './goal.repository';
import type { SmartGoalInput } from './goal.inputs';

const MAX = 2000;

/** Checks every SMART part; adds a field error per problem under `prefix` and returns the cleaned goal. */
export function validateSmartGoal(input: SmartGoalInput, prefix: string, today: string, errors: FieldErrors): NewGoal {
  const f = (name: string) => `${prefix}.${name}`;
  const title = errors.required(f('title'), input.title, 'A title');
  const specific = errors.required(f('specific'), input.specific, 'Specific (what exactly will be achieved)');
  const measure = errors.required(f('measure'), input.measure, 'Measurable (what is measured)');
  const target = errors.required(f('target'), input.target, 'Measurable (the target value)');
  const attainable = errors.required(f('attainable'), input.attainable, 'Attainable (why it is within reach)');
  const relevant = errors.required(f('relevant'), input.relevant, 'Relevant (why it matters)');
  for (const [name, v] of Object.entries({ title, specific, measure, target, attainable, relevant })) {
    if (v.length > MAX) errors.add(f(name), 'TOO_LONG', `At most ${MAX} characters.`);
  }
  const dueOn = input.dueOn ?? '';
  if (!dueOn) errors.add(f('dueOn'), 'REQUIRED', 'Time-bound (a due date) is required.');
  else if (dueOn < today) errors.add(f('dueOn'), 'IN_THE_PAST', 'The due date must be today or later.');
  return { title, specific, measure, target, attainable, relevant, dueOn };
}
