/** Scalars shared by every subgraph (same names and semantics, so composition merges them). */
import { DateTimeResolver, JSONObjectResolver, LocalDateResolver } from 'graphql-scalars';

/** An instant, ISO 8601 with time zone (`2026-05-18T18:00:00Z`). */
export const DateTime = DateTimeResolver;
/** A calendar date without time (`2026-05-18`). */
export const LocalDate = LocalDateResolver;
/** A JSON object (the sections of a personal data export: plain JSON, ISO dates). */
export const JSONObject = JSONObjectResolver;
