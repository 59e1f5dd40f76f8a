import { CreateReportingSkeleton1763800000000 } from './1763800000000-create-cpd_entry';

/** In order of their timestamps. Never edit one that has landed: add a new one. */
export const migrations = [CreateReportingSkeleton1763800000000];
