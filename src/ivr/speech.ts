/**
 * Digits as a voice should say them: one by one, with a pause between (", "), so "512098" is
 * read "5, 1, 2, 0, 9, 8" and never "five hundred and twelve thousand …".
 */
export function spellDigits(digits: string): string {
  return [...digits.replace(/\D/g, '')].join(', ');
}
