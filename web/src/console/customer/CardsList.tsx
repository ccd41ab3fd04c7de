import { useState } from 'react';
import { FormError } from '../../banking/Field.tsx';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { dateTime } from '../format.ts';
import { useAction } from '../useAction.ts';
import { customerApi, type CustomerState } from './api.ts';
import { refusalText } from './labels.ts';

/**
 * The customer's cards with their PIN state, and the way back from a blocked PIN where the
 * person's role allows it: a branch user on its own customer, or the contact centre on the case
 * where the customer passed the security questions (DESIGN.md §3). The IVR and the web never do.
 */
export function CardsList({ state, onChange }: { state: CustomerState; onChange: () => void }) {
  const { t, locale } = useLocale();
  const { busy, error, run } = useAction();
  const [done, setDone] = useState('');
  const pin = state.actions.pinUnblock;
  const unblock = async (cardId: string) => {
    let last4 = '';
    const ok = await run(async () => {
      last4 = (await customerApi.unblockPin(state.customer.id, cardId, pin.caseId)).last4;
    });
    setDone(ok ? t('console.cards.unblocked', { last4 }) : '');
    if (ok) onChange();
  };
  return (
    <>
      <h3>{t('console.cards.title')}</h3>
      <p role="status" className="muted">
        {done}
      </p>
      <FormError message={error} />
      {state.cards.length === 0 ? (
        <p>{t('console.cards.none')}</p>
      ) : (
        <ul className="customer-cards">
          {state.cards.map((k) => (
            <li key={k.id}>
              <strong>**** {k.last4}</strong> · {k.brand} · {t(`console.cards.kind.${k.kind === 'credit' ? 'credit' : 'debit'}`)} ·{' '}
              {k.pinBlocked ? (
                <span className="console-flag">{t('console.cards.pinBlocked', { date: k.pinBlockedAt ? dateTime(k.pinBlockedAt, locale) : '—' })}</span>
              ) : (
                t('console.cards.pinOk', { failures: k.failedPinAttempts })
              )}
              {k.pinBlocked && pin.allowed && (
                <>
                  {' '}
                  <button type="button" className="button button--quiet" disabled={busy} onClick={() => void unblock(k.id)}>
                    {t('console.cards.unblock')}
                    <span className="visually-hidden"> **** {k.last4}</span>
                  </button>
                </>
              )}
              {k.pinBlocked && !pin.allowed && <p className="muted">{refusalText(t, pin.refusal)}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
