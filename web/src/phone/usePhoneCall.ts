import { useCallback, useEffect, useRef, useState } from 'react';
import { phoneApi, PhoneApiError, type Heard } from './api.ts';
import { pressKey } from './keys.ts';
import { hush, speak } from './speech.ts';

/** One line of the call's transcript. */
export type Entry =
  | { id: number; kind: 'line'; text: string; language: string }
  | { id: number; kind: 'keys'; keys: string }
  | { id: number; kind: 'silence' }
  | { id: number; kind: 'event'; event: 'calling' | 'transferred' | 'lineEnded' | 'hungUp'; params?: Record<string, string> };
type NewEntry = Entry extends infer E ? (E extends Entry ? Omit<E, 'id'> : never) : never;

export type CallStatus = 'idle' | 'dialling' | 'connected' | 'ended';

export interface PhoneCall {
  status: CallStatus;
  /** The last answer of the line; its Gather says how keys are collected. */
  heard: Heard | null;
  /** Keys typed and not sent yet. */
  buffer: string;
  transcript: Entry[];
  /** A request in flight: keys wait until the line answers. */
  busy: boolean;
  error: { message: string; notDev: boolean } | null;
  dial(from: string, to: string, lang?: 'es' | 'en'): void;
  press(key: string): void;
  silence(): void;
  hangUp(): void;
}

/**
 * A call through the dev simulator: what the line says goes to the transcript (and the voice
 * unless muted), keys are gathered as Twilio gathers them, and a call left open when the page
 * goes away is hung up so its record closes.
 */
export function usePhoneCall(muted: boolean): PhoneCall {
  const [status, setStatus] = useState<CallStatus>('idle');
  const [heard, setHeard] = useState<Heard | null>(null);
  const [buffer, setBufferState] = useState('');
  // Keys can arrive faster than React re-renders (a fast typist, a test): the buffer is read
  // from a ref so no key is computed against a stale copy.
  const bufferRef = useRef('');
  const setBuffer = useCallback((next: string) => {
    bufferRef.current = next;
    setBufferState(next);
  }, []);
  const [transcript, setTranscript] = useState<Entry[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PhoneCall['error']>(null);
  const callId = useRef<string | null>(null);
  const inFlight = useRef(false);
  const nextId = useRef(1);
  const mutedRef = useRef(muted);
  mutedRef.current = muted;
  useEffect(() => {
    if (muted) hush();
  }, [muted]);

  const add = useCallback((...entries: NewEntry[]) => {
    setTranscript((prev) => [...prev, ...entries.map((e) => ({ ...e, id: nextId.current++ }) as Entry)]);
  }, []);

  const hear = useCallback(
    (answer: Heard) => {
      // Each Gather starts empty, as on Twilio: keys pressed before it never leak into it.
      setBuffer('');
      setHeard(answer);
      add(...answer.says.map((s) => ({ kind: 'line' as const, text: s.text, language: s.language })));
      if (!mutedRef.current) speak(answer.says);
      if (answer.transferredTo) add({ kind: 'event', event: 'transferred', params: { number: answer.transferredTo } });
      if (answer.ended) {
        add({ kind: 'event', event: 'lineEnded' });
        setStatus('ended');
        // Tell the server the call is over, as the provider's status callback would.
        if (callId.current) void phoneApi.hangUp(callId.current).catch(() => undefined);
        callId.current = null;
      }
    },
    [add, setBuffer],
  );

  /** Runs one request at a time; a failure is shown and leaves the call as it was. */
  const run = useCallback(async (work: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError({ message: err instanceof Error ? err.message : String(err), notDev: err instanceof PhoneApiError && err.notDev });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);

  const dial = useCallback(
    (from: string, to: string, lang?: 'es' | 'en') =>
      void run(async () => {
        setTranscript([]);
        setBuffer('');
        setHeard(null);
        setStatus('dialling');
        add({ kind: 'event', event: 'calling', params: { to, from } });
        try {
          const answer = await phoneApi.dial(from, to, lang);
          callId.current = answer.callId;
          setStatus('connected');
          hear(answer.heard);
        } catch (err) {
          setStatus('idle');
          throw err;
        }
      }),
    [add, hear, run],
  );

  const send = useCallback(
    (digits: string) =>
      void run(async () => {
        if (!callId.current) return;
        add({ kind: 'keys', keys: digits });
        hear((await phoneApi.keys(callId.current, digits)).heard);
      }),
    [add, hear, run],
  );

  const press = useCallback(
    (key: string) => {
      if (status !== 'connected' || !heard?.listening || inFlight.current) return;
      const result = pressKey(bufferRef.current, key, { numDigits: heard.numDigits ?? 0, finishOnKey: heard.finishOnKey ?? '#' });
      setBuffer(result.buffer);
      if (result.send !== undefined) send(result.send);
    },
    [heard, send, setBuffer, status],
  );

  const silence = useCallback(
    () =>
      void run(async () => {
        if (!callId.current) return;
        setBuffer('');
        add({ kind: 'silence' });
        hear((await phoneApi.silence(callId.current)).heard);
      }),
    [add, hear, run],
  );

  const hangUp = useCallback(() => {
    hush();
    const id = callId.current;
    callId.current = null;
    setStatus('ended');
    setBuffer('');
    add({ kind: 'event', event: 'hungUp' });
    if (id) void phoneApi.hangUp(id).catch(() => undefined);
  }, [add]);

  // Leaving the page ends the call, as putting the phone down would.
  useEffect(
    () => () => {
      hush();
      if (callId.current) void phoneApi.hangUp(callId.current).catch(() => undefined);
    },
    [],
  );

  return { status, heard, buffer, transcript, busy, error, dial, press, silence, hangUp };
}
