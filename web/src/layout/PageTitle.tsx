import { useLayoutEffect, useRef, type ReactNode } from 'react';

/** Whether the last thing focused was a page title (module state: one page shows at a time). */
let titleHadFocus = false;
if (typeof document !== 'undefined') {
  document.addEventListener('focusin', (e) => {
    titleHadFocus = e.target instanceof HTMLElement && e.target.id === 'page-title';
  });
}

/**
 * The page's one `<h1>`; focusable so a client-side navigation can move focus to it. A page
 * that swaps its heading while it loads (a "loading" title, then the sign-in form's) would drop
 * that focus to `<body>`: a heading mounting while a title's focus was dropped that way takes it.
 */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (titleHadFocus && lost) ref.current?.focus();
  }, []);
  return (
    <h1 id="page-title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
