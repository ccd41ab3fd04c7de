import { useEffect, useRef } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { displayPhone } from './format.ts';
import type { Entry } from './usePhoneCall.ts';

type Translate = (id: string, params?: Record<string, string | number>) => string;

function eventText(t: Translate, e: Extract<Entry, { kind: 'event' }>): string {
  const p = Object.fromEntries(Object.entries(e.params ?? {}).map(([k, v]) => [k, displayPhone(v)]));
  switch (e.event) {
    case 'calling':
      return t('web.phone.event.calling', p);
    case 'transferred':
      return t('web.phone.event.transferred', p);
    case 'lineEnded':
      return t('web.phone.event.lineEnded');
    case 'hungUp':
      return t('web.phone.event.hungUp');
  }
}

/** What the line said and what the caller did, in order; announced as it grows. */
export function Transcript({ entries }: { entries: Entry[] }) {
  const { t } = useLocale();
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [entries.length]);
  return (
    <section className="panel transcript" aria-labelledby="transcript-heading">
      <h2 id="transcript-heading">{t('web.phone.transcript')}</h2>
      <div role="log" aria-live="polite" aria-labelledby="transcript-heading" tabIndex={0} className="transcript__log">
        {entries.length === 0 ? (
          <p className="muted">{t('web.phone.transcript.empty')}</p>
        ) : (
          <ol className="transcript__list">
            {entries.map((e) => (
              <li key={e.id} className={`turn turn--${e.kind}`} {...(e.kind === 'line' ? { lang: e.language.slice(0, 2) } : {})}>
                {e.kind === 'line' && (<><span className="turn__who">{t('web.phone.who.line')}</span> {e.text}</>)}
                {e.kind === 'keys' && (<><span className="turn__who">{t('web.phone.who.you')}</span> {t('web.phone.pressed', { keys: e.keys })}</>)}
                {e.kind === 'silence' && (<><span className="turn__who">{t('web.phone.who.you')}</span> {t('web.phone.silent')}</>)}
                {e.kind === 'event' && <em>{eventText(t, e)}</em>}
              </li>
            ))}
          </ol>
        )}
        <div ref={end} />
      </div>
    </section>
  );
}
