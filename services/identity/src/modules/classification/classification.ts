/** Lookups over the shipped classifications: validation of codes and their families (see classification.data.ts). */
import {
  INDUSTRIES,
  INDUSTRY_SECTORS,
  OCCUPATIONS,
  OCCUPATION_GROUPS,
  type ClassificationEntry,
} from './classification.data';

export interface ClassifiedCode extends ClassificationEntry {
  /** The family the code belongs to (NAICS sector, NOC major group). */
  family: string;
  familyLabel: string;
  /** SECTOR / GROUP for the family entries themselves, INDUSTRY / OCCUPATION for detailed codes. */
  level: 'FAMILY' | 'DETAILED';
}

const index = (families: ClassificationEntry[], detailed: ClassificationEntry[]) => {
  const familyLabel = new Map(families.map((f) => [f.code, f.label]));
  const all = new Map<string, ClassifiedCode>();
  for (const f of families) all.set(f.code, { ...f, family: f.code, familyLabel: f.label, level: 'FAMILY' });
  for (const d of detailed) {
    const family = d.code.slice(0, 2);
    const label = familyLabel.get(family);
    if (!label) throw new Error(`classification: ${d.code} has no family ${family}`);
    all.set(d.code, { ...d, family, familyLabel: label, level: 'DETAILED' });
  }
  return all;
};

const industries = index(INDUSTRY_SECTORS, INDUSTRIES);
const occupations = index(OCCUPATION_GROUPS, OCCUPATIONS);

/** NAICS-style: a two-digit sector or a listed four-digit industry group; null when unknown. */
export function findIndustry(code: string | null | undefined): ClassifiedCode | null {
  return code ? (industries.get(code.trim()) ?? null) : null;
}

/** NOC-style: a two-digit major group or a listed five-digit unit group; null when unknown. */
export function findOccupation(code: string | null | undefined): ClassifiedCode | null {
  return code ? (occupations.get(code.trim()) ?? null) : null;
}

/** The family of an industry code: its first two digits (the NAICS sector). */
export function industryFamily(code: string): string {
  return code.slice(0, 2);
}

/** The family of an occupation code: its first two digits (the NOC major group). */
export function occupationFamily(code: string): string {
  return code.slice(0, 2);
}

/** Whether two codes of one classification are in the same family. */
export function sameFamily(a: string, b: string): boolean {
  return a.slice(0, 2) === b.slice(0, 2);
}

export function listIndustries(family?: string | null): ClassifiedCode[] {
  return [...industries.values()]
    .filter((c) => !family || c.family === family)
    .sort((a, b) => a.code.localeCompare(b.code));
}

export function listOccupations(family?: string | null): ClassifiedCode[] {
  return [...occupations.values()]
    .filter((c) => !family || c.family === family)
    .sort((a, b) => a.code.localeCompare(b.code));
}
