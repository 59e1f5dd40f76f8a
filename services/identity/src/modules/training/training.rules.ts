/** What a training module may say, and who it is for (pure; the refusals name the field to fix). */
import { fieldError, type FieldError } from '@tandem/subgraph-kit';
import { isLanguage, type Language } from '../language/language';
import type { TrainingAudience, TrainingGate } from './training.repository';
import type { TrainingModuleInput, TrainingModuleVersionInput } from './training.inputs';

const text = (v: string | null | undefined) => (v === undefined || v === null ? null : v.trim() || null);

/** A module's fields as stored, from staff's input. */
export interface TrainingModuleFields {
  title: string;
  summary: string;
  content: string | null;
  link: string | null;
  estimatedMinutes: number | null;
  required: boolean;
  gate: TrainingGate | null;
  audience: TrainingAudience;
  /** The language it is written in; null when the input left it out (a new module is English, a change keeps it). */
  language: Language | null;
}

/** A module's text in one language: what every version has, whatever language it is in. */
export interface TrainingTextFields {
  title: string;
  summary: string;
  content: string | null;
  link: string | null;
}

/** The text's fields (title, summary, content and/or an https link), pushing what to fix onto `errors`. */
function readText(
  input: { title: string; summary: string; content?: string | null; link?: string | null },
  errors: FieldError[],
): TrainingTextFields {
  const title = text(input.title) ?? '';
  const summary = text(input.summary) ?? '';
  const content = text(input.content);
  const link = text(input.link);
  if (!title) errors.push(fieldError('input.title', 'REQUIRED', 'Give the module a title.'));
  else if (title.length > 200)
    errors.push(fieldError('input.title', 'TOO_LONG', 'Use at most 200 characters.', { max: 200 }));
  if (!summary) errors.push(fieldError('input.summary', 'REQUIRED', 'Say in a sentence what the module covers.'));
  else if (summary.length > 1000)
    errors.push(fieldError('input.summary', 'TOO_LONG', 'Use at most 1000 characters.', { max: 1000 }));
  if (!content && !link)
    errors.push(fieldError('input.content', 'REQUIRED', 'Give the text to read, a link, or both.'));
  if (content && content.length > 20000)
    errors.push(fieldError('input.content', 'TOO_LONG', 'Use at most 20000 characters.', { max: 20000 }));
  if (link && !/^https:\/\/\S+$/.test(link))
    errors.push(fieldError('input.link', 'INVALID_URL', 'Use a full https:// link.'));
  return { title, summary, content, link };
}

/** A language of the platform (en, fr-CA), or what to fix. */
function readLanguage(value: string | null | undefined, errors: FieldError[]): Language | null {
  if (value === undefined || value === null) return null;
  if (isLanguage(value)) return value;
  errors.push(fieldError('input.language', 'UNSUPPORTED_LANGUAGE', 'Choose en or fr-CA.'));
  return null;
}

/** A version of a module's text in another language, or what to fix. */
export function readTrainingModuleVersion(input: TrainingModuleVersionInput): {
  fields: TrainingTextFields & { language: Language };
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  // the schema makes `language` required; an unknown one is refused here (the fallback is never saved)
  const language = readLanguage(input.language, errors) ?? 'en';
  return { fields: { ...readText(input, errors), language }, errors };
}

/** The module's fields, or what to fix: a title and summary, content or an https link, a gate when required. */
export function readTrainingModule(input: TrainingModuleInput): { fields: TrainingModuleFields; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const { title, summary, content, link } = readText(input, errors);
  const language = readLanguage(input.language, errors);
  const estimatedMinutes = input.estimatedMinutes ?? null;
  if (estimatedMinutes !== null && (estimatedMinutes < 1 || estimatedMinutes > 600))
    errors.push(
      fieldError('input.estimatedMinutes', 'OUT_OF_RANGE', 'Give between 1 and 600 minutes.', { min: 1, max: 600 }),
    );
  if (input.required && !input.gate)
    errors.push(
      fieldError('input.gate', 'REQUIRED', 'Say what a required module holds back: visibility or the start.'),
    );
  return {
    fields: {
      title,
      summary,
      content,
      link,
      estimatedMinutes,
      required: !!input.required,
      gate: input.required ? (input.gate ?? null) : null,
      audience: input.audience ?? 'MENTOR',
      language,
    },
    errors,
  };
}

/** Whether a module for `audience` is meant for someone holding these roles. */
export function isForRoles(audience: TrainingAudience, roles: readonly string[]): boolean {
  if (audience === 'BOTH') return roles.includes('MENTOR') || roles.includes('MENTEE');
  return roles.includes(audience);
}
