/** A section of a relationship's workspace: a card with its heading, reachable from the page's jump links. */
import type { ReactNode } from 'react';

export function WorkspaceSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="card" aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
