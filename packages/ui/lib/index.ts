/** What the admin and participant apps share. Typed documents: `@tandem/ui/graphql`; tokens: `@tandem/ui/tokens.css`. */
export * from './states';
export * from './new-password-fields';
export * from './session';
export * from './auth';
export * from './invitation';
export * from './i18n';
export * from './files';
export * from './live';
export * from './date-input';
export * from './focus-target';
