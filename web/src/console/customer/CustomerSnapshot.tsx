import { useCallback, useEffect, useState } from 'react';
import { FormError } from '../../banking/Field.tsx';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { Link } from '../../router/Link.tsx';
import { useAction } from '../useAction.ts';
import { customerApi, type CustomerState } from './api.ts';
import { HistoryList } from './HistoryList.tsx';
import { StatePanel } from './StatePanel.tsx';

/**
 * The customer's panel where a person is working for them elsewhere (a call the IVR handed over):
 * their state with the ways back the person's role allows, and the last items of their history,
 * with the whole customer page one link away.
 */
export function CustomerSnapshot({ customerId }: { customerId: string }) {
  const { t } = useLocale();
  const [state, setState] = useState<CustomerState | null>(null);
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const { error, run } = useAction();
  useEffect(() => {
    void run(async () => setState(await customerApi.state(customerId)));
  }, [customerId, round, run]);
  if (error) return <FormError message={error} />;
  if (!state) return <p className="muted">{t('console.loading')}</p>;
  return (
    <div className="customer-snapshot">
      <StatePanel state={state} onChange={reload} />
      <section className="panel" aria-labelledby="snapshot-history-title">
        <h2 id="snapshot-history-title">{t('console.history.title')}</h2>
        <HistoryList customerId={customerId} round={round} limit={8} />
        <p>
          <Link to={`/console/customer?id=${encodeURIComponent(customerId)}`}>{t('console.handovers.openCustomer', { name: state.customer.name })}</Link>
        </p>
      </section>
    </div>
  );
}
