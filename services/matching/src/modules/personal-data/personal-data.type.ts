import { personalDataTypes } from '@tandem/subgraph-kit';

/** Identity's personal data export and the people it mentions, as this subgraph extends them. */
export const { PersonalDataExport, PersonalDataExportPersonRef, personRefs, toPersonalDataExport } =
  personalDataTypes('matching');
export type PersonalDataExport = InstanceType<typeof PersonalDataExport>;
export type PersonalDataExportPersonRef = InstanceType<typeof PersonalDataExportPersonRef>;
