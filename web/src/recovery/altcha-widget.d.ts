/*
 * The few types of the `altcha` widget this page uses. The package ships its own, but they
 * import extensionless relative paths that TypeScript's NodeNext resolution (this project's)
 * cannot follow, so they arrive empty.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

interface AltchaWidgetAttributes extends DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> {
  challenge?: string;
  configuration?: string;
  language?: string;
  name?: string;
  type?: 'native' | 'checkbox' | 'switch';
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'altcha-widget': AltchaWidgetAttributes;
    }
  }
}

declare global {
  /**
   * The widget's global registry: `i18n` holds its texts by language, `algorithms` makes the
   * worker that solves a challenge of each algorithm (empty in the "external" build).
   */
  var $altcha: {
    i18n: { set(language: string, strings: Record<string, string>): void };
    algorithms: Map<string, () => Worker>;
  };
}

