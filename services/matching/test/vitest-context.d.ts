/** What the global setup provides to test files (declared again here for this package's type check). */
declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
export {};
