import type { ReactNode } from 'react';

/** The page's one `<h1>`; focusable so a client-side navigation can move focus to it. */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <h1 id="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
