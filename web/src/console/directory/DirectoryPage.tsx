import { useState } from 'react';
import type { Locale } from '../../../../src/i18n/catalogue.ts';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { intlTag } from '../../i18n/locale.ts';
import { PageTitle } from '../../layout/PageTitle.tsx';
import { ConsoleFrame } from '../ConsoleFrame.tsx';
import { errorText } from '../errors.ts';
import { phoneText } from '../format.ts';
import { searchDirectory, type DirectoryEntry } from './api.ts';
import { copyText, dialable } from './copy.ts';
import { useSearchAnswer } from './useSearchAnswer.ts';

/** "Teléfonos para informar o transferir a clientes": seed 002's leaflet, searchable, with "open now". */
export function DirectoryPage() {
  return <ConsoleFrame>{() => <DirectoryView />}</ConsoleFrame>;
}

function DirectoryView() {
  const { t, locale } = useLocale();
  const [query, setQuery] = useState('');
  const [openNow, setOpenNow] = useState(false);
  const [copied, setCopied] = useState('');
  const { answer, error } = useSearchAnswer(() => searchDirectory(query, openNow), `${query}\n${openNow}\n${locale}`);

  const copy = async (display: string) => {
    const ok = await copyText(dialable(display));
    setCopied(ok ? t('console.directory.copied', { number: display }) : t('console.directory.copyFailed', { number: display }));
  };

  const groups = groupEntries(answer?.entries ?? []);
  const count = answer?.entries.length ?? 0;
  return (
    <div className="side-page">
      <PageTitle>{t('console.directory.title')}</PageTitle>
      <form className="panel side-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="dir-q">{t('console.directory.search')}</label>
          <p id="dir-q-hint" className="field__hint">
            {t('console.directory.searchHint')}
          </p>
          <input id="dir-q" type="search" value={query} aria-describedby="dir-q-hint" autoComplete="off" spellCheck={false} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <label className="side-check">
          <input type="checkbox" checked={openNow} onChange={(e) => setOpenNow(e.target.checked)} />
          {t('console.directory.openNow')}
        </label>
      </form>
      <p className="side-status" role="status">
        {copied}
      </p>
      {error !== null && (
        <p className="notice notice--error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {answer && (
        <>
          <p className="muted" aria-live="polite">
            {count === 1 ? t('console.directory.count.one') : t('console.directory.count', { count })}
            {' · '}
            {t('console.directory.at', { zone: answer.timeZone, time: time(answer.at, answer.timeZone, locale) })}
          </p>
          {count === 0 && <p>{t('console.directory.none')}</p>}
          {groups.map(([groupName, entries]) => (
            <section key={groupName} className="dir-group" aria-labelledby={`dir-g-${entries[0]!.group}`}>
              <h2 id={`dir-g-${entries[0]!.group}`}>{groupName}</h2>
              <ul className="dir-list">
                {entries.map((entry) => (
                  <Entry key={entry.id} entry={entry} onCopy={(n) => void copy(n)} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}

function Entry({ entry, onCopy }: { entry: DirectoryEntry; onCopy: (display: string) => void }) {
  const { t } = useLocale();
  const state = entry.openNow === true ? 'open' : entry.openNow === false ? 'closed' : 'unknown';
  return (
    <li className={`dir-entry${entry.internal ? ' dir-entry--internal' : ''}`}>
      <div className="dir-entry__head">
        <h3 className="dir-entry__name">{entry.name}</h3>
        <span className={`side-badge side-badge--${state}`}>{t(`console.directory.${state}`)}</span>
        {entry.internal && <span className="side-badge side-badge--internal">{t('console.directory.internal')}</span>}
        {entry.agentLine && <span className="side-badge side-badge--internal">{t('console.directory.agentLine')}</span>}
      </div>
      <p className="dir-entry__hours">{entry.hoursText}</p>
      {entry.numbers.length > 0 && (
        <ul className="dir-numbers" aria-label={t('console.directory.numbers', { name: entry.name })}>
          {entry.numbers.map((n) => (
            <li key={n.e164}>
              <button type="button" className="dir-number" onClick={() => onCopy(phoneText(n.e164))}>
                <span className="visually-hidden">{t('console.directory.copy')} </span>
                {entry.channel === 'whatsapp' && <span className="dir-number__channel">{t('console.directory.whatsapp')} </span>}
                <span className="dir-number__digits">{phoneText(n.e164)}</span>
                {n.free && <span className="dir-number__free"> ({t('console.directory.free')})</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {entry.links.length > 0 && (
        <ul className="dir-links">
          {entry.links.map((link) => (
            <li key={link.value}>
              {link.kind === 'url' ? (
                <a href={link.value.startsWith('http') ? link.value : `https://${link.value}`} target="_blank" rel="noreferrer noopener">
                  {link.value}
                </a>
              ) : (
                <a href={`mailto:${link.value}`}>{link.value}</a>
              )}
            </li>
          ))}
        </ul>
      )}
      {entry.note && <p className="dir-entry__note">{entry.note}</p>}
      {entry.seed !== null && (
        <details className="dir-entry__seed">
          <summary>{t('console.directory.seed')}</summary>
          <p lang="es">{entry.seed}</p>
        </details>
      )}
    </li>
  );
}

/** The entries by group, in the leaflet's order. */
function groupEntries(entries: DirectoryEntry[]): [string, DirectoryEntry[]][] {
  const groups = new Map<string, DirectoryEntry[]>();
  for (const entry of entries) {
    const list = groups.get(entry.groupName) ?? [];
    list.push(entry);
    groups.set(entry.groupName, list);
  }
  return [...groups];
}

function time(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), { timeStyle: 'short', timeZone }).format(new Date(iso));
}
