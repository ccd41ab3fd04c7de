import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { Link } from '../../router/Link.tsx';
import { Fact } from '../Fact.tsx';
import { actorName, dateTime, queueName } from '../format.ts';
import type { CustomerState } from './api.ts';
import { CardsList } from './CardsList.tsx';
import { labelOf } from './labels.ts';

/**
 * A customer's state as the customer page shows it: identity (masked), office, online-banking
 * profile and who set it, every block in force with its target, origin, who and when, the cards
 * with their PIN state (`CardsList`), the devices and the open cases the person may see.
 */
export function StatePanel({ state, onChange }: { state: CustomerState; onChange: () => void }) {
  const { t, locale } = useLocale();
  const c = state.customer;
  const ob = state.onlineBanking;
  return (
    <section className="panel" aria-labelledby="state-title">
      <h2 id="state-title">{t('console.customerPage.state')}</h2>
      <dl className="console-facts">
        <Fact label={t('console.customer.name')}>{c.name}</Fact>
        <Fact label={t('console.customer.document')}>
          {c.document.type} {c.document.masked}
        </Fact>
        <Fact label={t('console.customer.office')}>
          {c.officeCode}
          {c.officeName ? ` · ${c.officeName}` : ''}
        </Fact>
        <Fact label={t('console.customer.email')}>{c.email ?? '—'}</Fact>
        <Fact label={t('console.customerPage.mobile')}>{c.mobile ?? '—'}</Fact>
        <Fact label={t('console.customer.profile')}>
          {ob ? (
            <>
              {ob.userCode} · <strong>{t(`console.profile.${ob.profile === 'read_only' ? 'read_only' : 'full'}`)}</strong>
              {ob.profileOrigin ? ` · ${t('console.customerPage.setBy', { who: labelOf(t, 'console.customerPage.origin.', ob.profileOrigin) })}` : ''}
            </>
          ) : (
            t('console.customer.noBanking')
          )}
        </Fact>
      </dl>
      <h3>{t('console.customer.blocks')}</h3>
      {state.blocks.length === 0 ? (
        <p>{t('console.customer.noBlocks')}</p>
      ) : (
        <ul className="console-blocks customer-blocks">
          {state.blocks.map((b) => (
            <li key={b.id}>
              <strong>{labelOf(t, 'console.blockTarget.', b.target)}</strong>
              {b.subject ? ` (${b.subject})` : ''} · {labelOf(t, 'console.blockOrigin.', b.origin)} · {t('console.customerPage.blockedBy', { who: actorName(b.by), date: dateTime(b.at, locale) })}
              <br />
              <span className="muted">{b.reason}</span>
            </li>
          ))}
        </ul>
      )}
      <CardsList state={state} onChange={onChange} />
      <h3>{t('console.customer.devices')}</h3>
      {state.devices.length === 0 ? (
        <p>{t('console.customer.noDevices')}</p>
      ) : (
        <ul>
          {state.devices.map((d) => (
            <li key={d.id}>
              {d.name} ({d.platform}) · {t('console.customer.linkedAt', { date: dateTime(d.linkedAt, locale) })}
              {d.unlinkedAt ? ` · ${t('console.customer.unlinkedAt', { date: dateTime(d.unlinkedAt, locale) })}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('console.customerPage.openCases')}</h3>
      {state.openCases.length === 0 ? (
        <p>{t('console.customerPage.noOpenCases')}</p>
      ) : (
        <ul>
          {state.openCases.map((k) => (
            <li key={k.id}>
              <Link to={`/console/case?id=${k.id}`}>{t('console.case.ref', { number: k.number })}</Link> · {t(`backoffice.status.${k.status}`)} · {queueName(t, k.queue)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
