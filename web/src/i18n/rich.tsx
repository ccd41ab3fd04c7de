import { Fragment, type ReactNode } from 'react';

/**
 * Fills `{name}` placeholders of a catalogue text with elements (a link, a code sample), so a
 * translator keeps the whole sentence, word order included, in one message.
 */
export function rich(text: string, parts: Record<string, ReactNode>): ReactNode {
  const pieces = text.split(/\{(\w+)\}/);
  return pieces.map((piece, i) => {
    if (i % 2 === 0) return piece; // split() puts the captured names at odd indexes
    return piece in parts ? <Fragment key={i}>{parts[piece]}</Fragment> : `{${piece}}`;
  });
}
