// ALTCHA's "external" build: its stylesheet (imported last in main.tsx) and its proof-of-work
// worker are files served from this origin, not a <style> it injects and a worker from a blob:
// URL, so the page runs under a Content-Security-Policy without 'unsafe-inline' styles or blob:
// workers (docs/decisions.md).
import 'altcha/external';
import ShaWorker from 'altcha/workers/sha?worker';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { Locale } from '../../../src/i18n/catalogue.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { CAPTCHA_URL } from './api.ts';

/** The widget's text keys and the catalogue ids that fill them, so it speaks the page's language. */
const STRINGS: Record<string, string> = {
  label: 'recovery.captcha.label',
  verifying: 'recovery.captcha.verifying',
  verified: 'recovery.captcha.verified',
  waitAlert: 'recovery.captcha.waitAlert',
  error: 'recovery.captcha.error',
  expired: 'recovery.captcha.expired',
  verificationRequired: 'recovery.captcha.required',
  loading: 'recovery.captcha.loading',
  reload: 'recovery.captcha.reload',
  verify: 'recovery.captcha.verify',
  cancel: 'recovery.captcha.cancel',
  enterCode: 'recovery.captcha.enterCode',
  enterCodeAria: 'recovery.captcha.enterCodeAria',
  enterCodeFromImage: 'recovery.captcha.enterCodeFromImage',
  getAudioChallenge: 'recovery.captcha.getAudioChallenge',
  ariaLinkLabel: 'recovery.captcha.label',
  footer: 'recovery.captcha.label',
};

// The one algorithm our challenges use (src/selfservice/captcha.ts): solved by the bundled worker file.
globalThis.$altcha.algorithms.set('SHA-256', () => new ShaWorker({ name: 'altcha-sha' }));

/** Registers our texts with the widget for one language (`$altcha.i18n`, the widget's documented registry). */
function registerStrings(locale: Locale, t: (id: string) => string): void {
  const strings = Object.fromEntries(Object.entries(STRINGS).map(([key, id]) => [key, t(id)]));
  globalThis.$altcha.i18n.set(locale, strings);
}

// No logo or footer: both link to the widget's website, and the page calls no outside service.
const CONFIGURATION = JSON.stringify({ hideLogo: true, hideFooter: true, humanInteractionSignature: false });

export interface CaptchaHandle {
  /** Forgets the solution (it was spent or refused) and shows the box unticked again. */
  reset(): void;
}

/**
 * "No soy un robot" (seed 001) as the ALTCHA widget, self-hosted: it fetches its challenge from
 * our server and solves the proof of work in the browser. `onPayload` receives the solution
 * to send with the form, or null while there is none.
 */
export const Captcha = forwardRef<CaptchaHandle, { onPayload(payload: string | null): void }>(function Captcha({ onPayload }, ref) {
  const { locale, t } = useLocale();
  const widget = useRef<HTMLElement & { reset?: () => void }>(null);
  const callback = useRef(onPayload);
  callback.current = onPayload;
  registerStrings(locale, t);

  useImperativeHandle(ref, () => ({
    reset() {
      widget.current?.reset?.();
      callback.current(null);
    },
  }));

  useEffect(() => {
    const el = widget.current;
    if (!el) return;
    const onState = (event: Event) => {
      const detail = (event as CustomEvent<{ state: string; payload: string | null }>).detail;
      callback.current(detail.state === 'verified' && detail.payload ? detail.payload : null);
    };
    el.addEventListener('statechange', onState);
    return () => el.removeEventListener('statechange', onState);
  }, []);

  return <altcha-widget ref={widget} challenge={CAPTCHA_URL} language={locale} name="altcha" type="checkbox" configuration={CONFIGURATION} />;
});
