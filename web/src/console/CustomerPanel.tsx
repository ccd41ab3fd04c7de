import { useEffect, useState } from 'react';
import { FormError } from '../banking/Field.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { consoleApi, type CustomerPanel as Panel } from './api.ts';
import { dateOnly, dateTime, phoneText } from './format.ts';
import { useAction } from './useAction.ts';
import { Link } from '../router/Link.tsx';

const BLOCK_TARGETS = new Set(['access', 'signature', 'operation', 'card_pin', 'phone_banking']);
const BLOCK_ORIGINS = new Set(['failed_attempts', 'customer', 'contact_centre', 'fraud_rule', 'office']);

/**
 * The customer as the agent needs them for the call: masked data, phones in the order to dial
 * them (landline first), managing office and manager, devices with the recent ones marked,
 * current blocks and the online-banking profile, and an entity's representatives.
 */
export function CustomerPanel({ caseId, round }: { caseId: string; round: number }) {
  const { t, locale } = useLocale();
  const [panel, setPanel] = useState<Panel | null>(null);
  const { error, run } = useAction();
  useEffect(() => {
    void run(async () => setPanel(await consoleApi.customer(caseId)));
  }, [caseId, round, run]);

  const c = panel?.customer;
  const bank = panel?.onlineBanking;
  return (
    <section className="panel console-customer" aria-labelledby="customer-title">
      <h2 id="customer-title">{t('console.customer.title')}</h2>
      {panel && <Link to={`/console/customer?id=${encodeURIComponent(panel.customer.id)}`}>{t('console.customer.openPage')}</Link>}
      <FormError message={error} />
      {!panel && !error && <p className="muted">{t('console.loading')}</p>}
      {panel && c && (
        <>
          <dl className="console-facts">
            <div>
              <dt>{t('console.customer.name')}</dt>
              <dd>{c.name}</dd>
            </div>
            <div>
              <dt>{t('console.customer.kind')}</dt>
              <dd>{t(`console.customer.kind.${c.kind}`)}</dd>
            </div>
            <div>
              <dt>{t('console.customer.document')}</dt>
              <dd>
                {c.document.type} {c.document.masked}
              </dd>
            </div>
            <div>
              <dt>{t('console.customer.email')}</dt>
              <dd>{c.email ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('console.customer.profile')}</dt>
              <dd>
                {bank ? `${bank.userCode} · ${t(`console.profile.${bank.profile === 'read_only' ? 'read_only' : 'full'}`)}` : t('console.customer.noBanking')}
                {bank?.temporaryPassword ? ` · ${t('console.customer.temporary')}` : ''}
              </dd>
            </div>
            {bank && (
              <div>
                <dt>{t('console.customer.lastLogin')}</dt>
                <dd>{bank.lastLoginAt ? dateTime(bank.lastLoginAt, locale) : '—'}</dd>
              </div>
            )}
          </dl>
          <h3>{t('console.customer.phones')}</h3>
          {panel.phones.length === 0 ? (
            <p>{t('console.customer.noPhones')}</p>
          ) : (
            <ol className="console-phones">
              {panel.phones.map((p) => (
                <li key={p.kind}>
                  <span className="console-phone-kind">{t(`console.phone.${p.kind}`)}</span> <span className="console-number">{phoneText(p.number)}</span>
                </li>
              ))}
            </ol>
          )}
          <h3>{t('console.customer.office')}</h3>
          {panel.office ? (
            <p>
              {panel.office.code} · {panel.office.name}
              {panel.office.kind === 'virtual' ? ` (${t('console.customer.virtualOffice')})` : ''}
              {panel.office.phone ? ` · ${phoneText(panel.office.phone)}` : ''} · {panel.office.email}
            </p>
          ) : (
            <p>—</p>
          )}
          <p>
            <strong>{t('console.customer.manager')}:</strong> {panel.manager ? `${panel.manager.name} (${panel.manager.id}) · ${panel.manager.email}` : t('console.customer.noManager')}
          </p>
          {panel.representatives.length > 0 && (
            <>
              <h3>{t('console.customer.representatives')}</h3>
              <ul>
                {panel.representatives.map((r) => (
                  <li key={r.id}>
                    {r.name} · {r.role}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('console.customer.devices')}</h3>
          {panel.devices.length === 0 ? (
            <p>{t('console.customer.noDevices')}</p>
          ) : (
            <ul className="console-devices">
              {panel.devices.map((d) => (
                <li key={d.id} className={d.recent ? 'console-device--recent' : undefined}>
                  {d.name} ({d.platform}) · {t('console.customer.linkedAt', { date: dateTime(d.linkedAt, locale) })}
                  {d.unlinkedAt ? ` · ${t('console.customer.unlinkedAt', { date: dateTime(d.unlinkedAt, locale) })}` : ''}
                  {d.recent && <strong className="console-flag"> · {t('console.customer.recent', { date: dateOnly(panel.recentSince, locale) })}</strong>}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('console.customer.blocks')}</h3>
          {panel.blocks.length === 0 ? (
            <p>{t('console.customer.noBlocks')}</p>
          ) : (
            <ul className="console-blocks">
              {panel.blocks.map((b) => (
                <li key={b.id}>
                  <strong>{BLOCK_TARGETS.has(b.target) ? t(`console.blockTarget.${b.target}`) : b.target}</strong> ·{' '}
                  {BLOCK_ORIGINS.has(b.origin) ? t(`console.blockOrigin.${b.origin}`) : b.origin} · {t('console.customer.since', { date: dateTime(b.since, locale) })}
                  <br />
                  <span className="muted">{b.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
