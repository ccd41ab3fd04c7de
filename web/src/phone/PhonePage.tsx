import { useEffect, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { rich } from '../i18n/rich.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { phoneApi, PhoneApiError, type PhoneDirectory } from './api.ts';
import { CallSetup } from './CallSetup.tsx';
import { Handset } from './Handset.tsx';
import { IncomingCall } from './IncomingCall.tsx';
import { SmsInbox } from './SmsInbox.tsx';
import { Transcript } from './Transcript.tsx';
import { usePhoneCall } from './usePhoneCall.ts';

type Loaded = { kind: 'loading' } | { kind: 'ok'; directory: PhoneDirectory } | { kind: 'not-dev' } | { kind: 'error'; message: string };

/** "Teléfono": call the bank's automated lines from the browser, as from a customer's phone (dev mode). */
export function PhonePage() {
  const { t, locale } = useLocale();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [from, setFrom] = useState('');
  const [muted, setMuted] = useState(false);
  const call = usePhoneCall(muted);

  useEffect(() => {
    let live = true;
    phoneApi.directory().then(
      (directory) => {
        if (!live) return;
        setLoaded({ kind: 'ok', directory });
        setFrom(directory.callers[0]?.phone ?? '');
      },
      (err: unknown) => live && setLoaded(err instanceof PhoneApiError && err.notDev ? { kind: 'not-dev' } : { kind: 'error', message: String(err) }),
    );
    return () => {
      live = false;
    };
  }, []);

  const notDev = loaded.kind === 'not-dev' || call.error?.notDev;
  const inCall = call.status === 'dialling' || call.status === 'connected';
  return (
    <div className="page">
      <PageTitle>{t('web.face.phone.name')}</PageTitle>
      <p className="lead">{t('web.phone.lead')}</p>
      {notDev ? (
        <div className="notice notice--info">
          <h2>{t('web.phone.notDev.title')}</h2>
          <p>{rich(t('web.phone.notDev.body'), { command: <code>npm start</code> })}</p>
        </div>
      ) : loaded.kind === 'error' ? (
        <p className="notice notice--error" role="alert">{t('web.phone.loadError')}</p>
      ) : loaded.kind === 'loading' ? (
        <p className="muted">{t('web.phone.loading')}</p>
      ) : (
        <div className="phone-layout">
          <section className="phone" aria-labelledby="phone-heading">
            <h2 id="phone-heading" className="visually-hidden">{t('web.phone.handset')}</h2>
            <IncomingCall phone={from} idle={!inCall} />
            <CallSetup directory={loaded.directory} inCall={inCall}
              onFrom={setFrom} onCall={(target) => call.dial(target.from, target.to, target.askLanguage ? undefined : locale)} />
            {call.error && !call.error.notDev && <p className="notice notice--error" role="alert">{t('web.phone.error', { detail: call.error.message })}</p>}
            <Handset call={call} inCall={inCall} muted={muted} onMute={() => setMuted((m) => !m)} />
          </section>
          <div className="phone-side">
            <Transcript entries={call.transcript} />
            <SmsInbox phone={from} />
          </div>
        </div>
      )}
    </div>
  );
}
