/**
 * A search result's explanation in plain words: each criterion that counted, with what matched, codes turned
 * into their names ("Same occupation: civil engineering technologists"). Pure, so it is tested on its own.
 */
export interface CriterionScore {
  criterion: string;
  similarity: number;
  matched: readonly string[];
}
export interface CodeNames {
  /** code → its name, for the two classifications */
  industry: (code: string) => string | undefined;
  occupation: (code: string) => string | undefined;
  /** family (two digits) → the family's name */
  industryFamily: (family: string) => string | undefined;
  occupationFamily: (family: string) => string | undefined;
}
export interface ExplanationLine {
  /** the catalogue id of the sentence */
  id:
    | 'explain.industry'
    | 'explain.industryFamily'
    | 'explain.occupation'
    | 'explain.occupationFamily'
    | 'explain.skills'
    | 'explain.languages'
    | 'explain.location'
    | 'explain.modes'
    | 'explain.lived'
    | 'explain.goals';
  /** what to put in it */
  what: string;
  similarity: number;
}

const FAMILY = /^(\d{2}) \(family\)$/;

/** The lines to show, strongest first; criteria that did not match at all are left out. */
export function explain(
  scores: readonly CriterionScore[],
  names: CodeNames,
  words: { mode: (m: string) => string; list: (items: string[]) => string },
): ExplanationLine[] {
  const lines: ExplanationLine[] = [];
  for (const s of scores) {
    if (s.similarity <= 0 || !s.matched.length) continue;
    const first = s.matched[0];
    const family = FAMILY.exec(first)?.[1];
    switch (s.criterion) {
      case 'INDUSTRY':
        lines.push(
          family
            ? { id: 'explain.industryFamily', what: names.industryFamily(family) ?? family, similarity: s.similarity }
            : { id: 'explain.industry', what: names.industry(first) ?? first, similarity: s.similarity },
        );
        break;
      case 'OCCUPATION':
        lines.push(
          family
            ? {
                id: 'explain.occupationFamily',
                what: names.occupationFamily(family) ?? family,
                similarity: s.similarity,
              }
            : { id: 'explain.occupation', what: names.occupation(first) ?? first, similarity: s.similarity },
        );
        break;
      case 'SKILLS':
        lines.push({ id: 'explain.skills', what: words.list([...s.matched]), similarity: s.similarity });
        break;
      case 'LANGUAGES':
        lines.push({ id: 'explain.languages', what: words.list([...s.matched]), similarity: s.similarity });
        break;
      case 'LOCATION':
        lines.push({ id: 'explain.location', what: words.list([...s.matched]), similarity: s.similarity });
        break;
      case 'MEETING_PREFERENCE':
        lines.push({ id: 'explain.modes', what: words.list(s.matched.map(words.mode)), similarity: s.similarity });
        break;
      case 'LIVED_EXPERIENCE':
        lines.push({ id: 'explain.lived', what: words.list([...s.matched]), similarity: s.similarity });
        break;
      case 'GOALS':
        lines.push({ id: 'explain.goals', what: words.list([...s.matched]), similarity: s.similarity });
        break;
    }
  }
  return lines.sort((a, b) => b.similarity - a.similarity);
}
