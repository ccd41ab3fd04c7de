import { useLocale } from '../i18n/LocaleProvider.tsx';
import { Keypad } from './Keypad.tsx';
import { speechAvailable } from './speech.ts';
import type { PhoneCall } from './usePhoneCall.ts';

/** The phone's screen, keypad and buttons: hang up, stay silent, mute. */
export function Handset({ call, inCall, muted, onMute }: { call: PhoneCall; inCall: boolean; muted: boolean; onMute(): void }) {
  const { t } = useLocale();
  const listening = call.status === 'connected' && !!call.heard?.listening;
  const voice = speechAvailable();
  return (
    <div className="handset">
      <div className="handset__screen" aria-live="polite">
        <p className="handset__status">{statusText(t, call.status, listening, call.busy)}</p>
        <p className="handset__typed">
          <span className="visually-hidden">{t('web.phone.typed')}: </span>
          {call.buffer ? call.buffer : listening && (call.heard?.numDigits ?? 0) > 1 ? t('web.phone.typed.hint', { count: call.heard!.numDigits! }) : '\u00a0'}
        </p>
      </div>
      <Keypad enabled={listening && !call.busy} onKey={call.press} />
      <div className="handset__actions">
        <button type="button" className="button button--quiet" disabled={!listening || call.busy} onClick={call.silence}>
          {t('web.phone.silence')}
        </button>
        {inCall && (
          <button type="button" className="button phone-hangup" onClick={call.hangUp}>
            {t('web.phone.hangUp')}
          </button>
        )}
      </div>
      {voice ? (
        <label className="phone-mute">
          <input type="checkbox" checked={muted} onChange={onMute} /> {t('web.phone.mute')}
        </label>
      ) : (
        <p className="muted">{t('web.phone.noVoice')}</p>
      )}
    </div>
  );
}

type Translate = (id: string, params?: Record<string, string | number>) => string;

function statusText(t: Translate, status: PhoneCall['status'], listening: boolean, busy: boolean): string {
  if (status === 'dialling') return t('web.phone.status.dialling');
  if (status === 'ended') return t('web.phone.status.ended');
  if (status === 'idle') return t('web.phone.status.idle');
  return busy || !listening ? t('web.phone.status.talking') : t('web.phone.status.listening');
}
