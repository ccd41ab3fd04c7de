import { useEffect, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { phoneApi, type IncomingCall as Incoming } from './api.ts';
import { displayPhone } from './format.ts';

/** How often the phone asks whether the bank is calling it. */
const POLL_MS = 1000;

/**
 * The bank calling this phone from the console (issue 15 §2, dev mode): the phone rings, and the
 * person at it answers, declines, or lets it ring until the bank gives up; answered, they hang up
 * when done. The server records the attempt from what happens here.
 */
export function IncomingCall({ phone, idle }: { phone: string; idle: boolean }) {
  const { t } = useLocale();
  const [call, setCall] = useState<Incoming | null>(null);
  const [timeout, setTimeoutSeconds] = useState(0);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!phone || !idle) {
      setCall(null);
      return;
    }
    let live = true;
    const ask = () =>
      phoneApi.incoming(phone).then(
        (res) => {
          if (!live) return;
          setCall(res.calls[0] ?? null);
          setTimeoutSeconds(res.ringTimeoutSeconds);
        },
        () => undefined,
      );
    void ask();
    const timer = setInterval(() => void ask(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [phone, idle, tick]);

  if (!call) return null;
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch {
      // The call ended meanwhile (it rang out): the next poll shows it gone.
    } finally {
      setBusy(false);
      setTick((n) => n + 1);
    }
  };
  const ringing = call.status === 'ringing';
  return (
    <div className={`phone-incoming${ringing ? ' phone-incoming--ringing' : ''}`} role="alert" aria-labelledby="incoming-title">
      <p id="incoming-title" className="phone-incoming__title">
        {ringing ? t('web.phone.incoming.title') : t('web.phone.incoming.talking')}
      </p>
      <p>{call.from ? t('web.phone.incoming.from', { number: displayPhone(call.from), to: displayPhone(phone) }) : t('web.phone.incoming.fromBank', { to: displayPhone(phone) })}</p>
      {ringing && <p className="phone-incoming__hint">{t('web.phone.incoming.hint', { seconds: timeout })}</p>}
      <div className="handset__actions">
        {ringing ? (
          <>
            <button type="button" className="button phone-answer" disabled={busy} onClick={() => void act(() => phoneApi.answerIncoming(call.id))}>
              {t('web.phone.incoming.answer')}
            </button>
            <button type="button" className="button phone-hangup" disabled={busy} onClick={() => void act(() => phoneApi.hangUpIncoming(call.id))}>
              {t('web.phone.incoming.decline')}
            </button>
          </>
        ) : (
          <button type="button" className="button phone-hangup" disabled={busy} onClick={() => void act(() => phoneApi.hangUpIncoming(call.id))}>
            {t('web.phone.incoming.hangUp')}
          </button>
        )}
      </div>
    </div>
  );
}
