import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate, usePathname } from './router.ts';

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  /** Marks the link `aria-current="page"` when it points at the current page (navigation bars). */
  markCurrent?: boolean;
}

/** A real `<a href>` that navigates inside the app on a plain click, and normally otherwise. */
export function Link({ to, markCurrent = false, onClick, ...rest }: LinkProps) {
  const pathname = usePathname();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Ctrl/Cmd/Shift/middle click keep their browser meaning (new tab, new window).
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (to !== pathname + window.location.search) navigate(to);
  };
  const current = markCurrent && to === pathname ? 'page' : undefined;
  return <a href={to} onClick={handle} aria-current={current} {...rest} />;
}
