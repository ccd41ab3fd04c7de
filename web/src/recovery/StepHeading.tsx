import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';

/** True once the page has moved from one step to another (not on first load, where focus stays put). */
export const StepMoved = createContext(false);

/**
 * The heading of the current step. When a step replaces another, focus moves to it so a
 * screen reader announces the new step and keyboard users continue from there.
 */
export function StepHeading({ children }: { children: ReactNode }) {
  const moved = useContext(StepMoved);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (moved) ref.current?.focus();
  }, [moved]);
  return (
    <h2 id="recovery-step-heading" ref={ref} tabIndex={-1} className="recovery-step__heading">
      {children}
    </h2>
  );
}
