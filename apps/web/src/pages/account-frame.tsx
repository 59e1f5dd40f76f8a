/** The frame of the pages people reach signed out (sign-in, a reset link, an email-change link): brand and language. */
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../language-switch';

export function AccountFrame({ titleId, children }: { titleId: string; children: ReactNode }) {
  return (
    <main className="entry" id="main" aria-labelledby={titleId}>
      <div className="entry-top">
        <span className="brand">
          <img src="/icons/icon.svg" alt="" width="32" height="32" /> Tandem
        </span>
        <LanguageSwitch />
      </div>
      {children}
    </main>
  );
}
