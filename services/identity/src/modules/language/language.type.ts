import { registerEnumType } from 'type-graphql';

/** The GraphQL face of a language (see language.ts): `EN`, `FR_CA`. */
export enum LanguageEnum {
  EN = 'en',
  FR_CA = 'fr-CA',
}
registerEnumType(LanguageEnum, {
  name: 'Language',
  description: 'A language the platform writes in.',
  valuesConfig: { EN: { description: 'English.' }, FR_CA: { description: 'Canadian French.' } },
});
