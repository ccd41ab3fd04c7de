/**
 * The line's voice through the browser's speech synthesis. Where it is missing (some browsers,
 * tests) the phone is silent and the transcript still shows every word.
 */
export function speechAvailable(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof window.SpeechSynthesisUtterance === 'function';
}

/** Says the texts in order, each in its language; whatever was still being said stops first, as a key press cuts a prompt short. */
export function speak(says: readonly { text: string; language: string }[]): void {
  if (!speechAvailable()) return;
  window.speechSynthesis.cancel();
  for (const say of says) {
    const utterance = new SpeechSynthesisUtterance(say.text);
    if (say.language) utterance.lang = say.language;
    window.speechSynthesis.speak(utterance);
  }
}

/** Stops talking at once (hang-up, mute). */
export function hush(): void {
  if (speechAvailable()) window.speechSynthesis.cancel();
}
