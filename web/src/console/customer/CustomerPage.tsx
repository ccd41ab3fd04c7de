import { useCallback, useEffect, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { PageTitle } from '../../layout/PageTitle.tsx';
import { Link } from '../../router/Link.tsx';
import { useSearch } from '../../router/router.ts';
import { ConsoleApiError, type StaffMember } from '../api.ts';
import { ConsoleFrame } from '../ConsoleFrame.tsx';
import { errorText } from '../errors.ts';
import { customerApi, type CustomerState } from './api.ts';
import { HistoryList } from './HistoryList.tsx';
import { StatePanel } from './StatePanel.tsx';
import { UnlockPanel } from './UnlockPanel.tsx';

/**
 * `/console/customer?id=`: one customer — their state with the ways back the person's role
 * allows (the branch unlock, lifting a blocked card PIN) and their history, newest first.
 */
export function CustomerPage() {
  const id = new URLSearchParams(useSearch()).get('id') ?? '';
  return <ConsoleFrame>{(staff) => <CustomerView key={id} id={id} staff={staff} />}</ConsoleFrame>;
}

type Load = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; text: string } | { kind: 'ok'; state: CustomerState };

function CustomerView({ id, staff }: { id: string; staff: StaffMember }) {
  const { t } = useLocale();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    customerApi.state(id).then(
      (state) => live && setLoad({ kind: 'ok', state }),
      (err: unknown) => {
        if (!live) return;
        // Another office's customer answers 404 like no customer at all: the page says the same.
        setLoad(err instanceof ConsoleApiError && (err.status === 404 || err.status === 400) ? { kind: 'missing' } : { kind: 'error', text: errorText(t, err) });
      },
    );
    return () => {
      live = false;
    };
  }, [id, round, t]);

  if (load.kind !== 'ok') {
    return (
      <>
        <PageTitle>{t('console.customerPage.title')}</PageTitle>
        {load.kind === 'loading' ? (
          <p className="muted">{t('console.loading')}</p>
        ) : (
          <p className="notice notice--error" role="alert">
            {load.kind === 'missing' ? t('console.customerPage.missing') : load.text}
          </p>
        )}
        <p>
          <Link to="/console">{t('console.case.back')}</Link>
        </p>
      </>
    );
  }
  const { state } = load;
  return (
    <>
      <PageTitle>{t('console.customerPage.heading', { name: state.customer.name })}</PageTitle>
      <p>
        <Link to="/console">{t('console.case.back')}</Link>
      </p>
      <div className="console-columns">
        <div className="console-column">
          <StatePanel state={state} onChange={reload} />
          {staff.role === 'branch' && <UnlockPanel state={state} onDone={reload} />}
        </div>
        <div className="console-column">
          <section className="panel" aria-labelledby="history-title">
            <h2 id="history-title">{t('console.history.title')}</h2>
            <HistoryList customerId={state.customer.id} round={round} />
          </section>
        </div>
      </div>
    </>
  );
}
