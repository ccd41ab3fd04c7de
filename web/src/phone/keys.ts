/**
 * The keys typed into a Gather, as Twilio collects them: they are buffered until `numDigits`
 * keys are in or the finish key (#) is pressed, then posted together; the finish key itself is
 * not sent. A one-key menu therefore posts every press at once.
 */
export interface Gathering {
  numDigits: number;
  finishOnKey: string;
}

export type KeyResult = { buffer: string; send?: string };

/** The buffer after pressing `key`, and what to post to the line if the Gather is complete. */
export function pressKey(buffer: string, key: string, gather: Gathering): KeyResult {
  if (gather.finishOnKey && key === gather.finishOnKey) return buffer ? { buffer: '', send: buffer } : { buffer: '' };
  const next = buffer + key;
  if (gather.numDigits > 0 && next.length >= gather.numDigits) return { buffer: '', send: next };
  return { buffer: next };
}

/** The keys a phone keypad has, in keypad order. */
export const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** The keypad key a keyboard key stands for, if any (digits, * and #). */
export function keypadKey(key: string): string | undefined {
  return (KEYPAD as readonly string[]).includes(key) ? key : undefined;
}
