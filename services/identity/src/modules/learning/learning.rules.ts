/**
 * What a learning resource may hold (pure, unit-tested): a title (required, at most 200 characters), a kind, a
 * body (plain text, at most 20,000 characters) and/or an https link (a VIDEO needs the link), a language the
 * platform writes in (en, fr-CA) and the stage of a relationship it helps with.
 */
import type { FieldErrors } from '@tandem/subgraph-kit';
import { isLanguage, type Language } from '../language/language';

export const LEARNING_STAGES = [
  'PREPARING_FIRST_MEETING',
  'WRITING_AGREEMENT',
  'ACTION_PLAN',
  'MID_WAY',
  'COMPLETING',
] as const;
export type LearningStageValue = (typeof LEARNING_STAGES)[number];

export const LEARNING_KINDS = ['GUIDE', 'CHECKLIST', 'VIDEO', 'TEMPLATE'] as const;
export type LearningKindValue = (typeof LEARNING_KINDS)[number];

export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const URL_MAX = 2_000;
/** A programme's library stays a list a page can show whole. */
export const RESOURCES_PER_PROGRAMME_MAX = 200;

/** What a resource is saved with, once valid. */
export interface LearningFields {
  title: string;
  kind: LearningKindValue;
  body: string | null;
  url: string | null;
  language: Language;
  stage: LearningStageValue;
}

export interface LearningInputLike {
  title: string;
  kind: string;
  body?: string | null;
  url?: string | null;
  language: string;
  stage: string;
}

const trimmed = (v: string | null | undefined) => (v ?? '').trim() || null;

/** Whether a link is a full https address (no spaces, a host). */
export function isHttpsUrl(value: string): boolean {
  if (!/^https:\/\/\S+$/i.test(value)) return false;
  try {
    return new URL(value).hostname.length > 0;
  } catch {
    return false;
  }
}

/** Validates an input into fields (errors under `input.*`); the fields are only meaningful when no error was added. */
export function learningFields(input: LearningInputLike, errors: FieldErrors): LearningFields {
  const title = trimmed(input.title);
  const body = trimmed(input.body)?.replace(/\r\n/g, '\n') ?? null;
  const url = trimmed(input.url);
  if (!title) errors.add('input.title', 'REQUIRED', 'Give the resource a title.');
  else if (title.length > TITLE_MAX)
    errors.add('input.title', 'TOO_LONG', `Keep the title under ${TITLE_MAX} characters.`);
  if (!(LEARNING_KINDS as readonly string[]).includes(input.kind))
    errors.add('input.kind', 'UNKNOWN_KIND', 'Choose GUIDE, CHECKLIST, VIDEO or TEMPLATE.');
  if (!(LEARNING_STAGES as readonly string[]).includes(input.stage))
    errors.add('input.stage', 'UNKNOWN_STAGE', 'Choose a stage of the relationship.');
  if (!isLanguage(input.language)) errors.add('input.language', 'UNSUPPORTED_LANGUAGE', 'Choose en or fr-CA.');
  if (body && body.length > BODY_MAX)
    errors.add('input.body', 'TOO_LONG', `Keep the text under ${BODY_MAX.toLocaleString('en')} characters.`);
  if (url && (url.length > URL_MAX || !isHttpsUrl(url)))
    errors.add('input.url', 'INVALID_URL', 'Use a full https:// link.');
  if (input.kind === 'VIDEO' && !url) errors.add('input.url', 'REQUIRED', 'A video needs its https:// link.');
  else if (!body && !url) errors.add('input.body', 'REQUIRED', 'Write the text of the resource, or give a link.');
  return {
    title: title ?? '',
    kind: input.kind as LearningKindValue,
    body,
    url,
    language: input.language as Language,
    stage: input.stage as LearningStageValue,
  };
}
