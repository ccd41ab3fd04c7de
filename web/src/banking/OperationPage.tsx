import { useCallback, useEffect, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { Link } from '../router/Link.tsx';
import { useSearch } from '../router/router.ts';
import { bankingApi, type BankingSession, type Operation } from './api.ts';
import { errorText } from './errors.ts';
import { referenceFrom } from './format.ts';
import { HeldView } from './HeldView.tsx';
import { OperationDetails } from './OperationDetails.tsx';
import { SignedIn } from './SignedIn.tsx';
import { SigningView } from './SigningView.tsx';
import { operationTitle, statusText } from './labels.ts';

type Loaded = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ok'; operation: Operation };

/**
 * `/banking/operation?ref=…`: one operation by its reference. Waiting for its code it is
 * "Gestión de claves" (seed 001, step 6); held by the bank, the unlock-code page; once signed,
 * "¡listo!"; otherwise its data and status.
 */
export function OperationPage() {
  const { t } = useLocale();
  const reference = referenceFrom(useSearch());
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [note, setNote] = useState<string | null>(null);

  const load = useCallback(() => {
    if (!reference) return;
    bankingApi.operation(reference).then(
      (operation) => setLoaded({ kind: 'ok', operation }),
      (error: unknown) => setLoaded({ kind: 'error', error }),
    );
  }, [reference]);
  useEffect(load, [load]);

  const status = loaded.kind === 'ok' ? loaded.operation.status : undefined;
  const title = operationTitle(t, status);
  return (
    <SignedIn title={title} duringPasswordChange>
      {(session, reloadSession) => {
        if (!reference) return <p className="notice notice--error" role="alert">{t('banking.error.operation_not_found')}</p>;
        if (loaded.kind === 'loading') return <p className="muted">{t('web.bank.loading')}</p>;
        if (loaded.kind === 'error') {
          return (
            <>
              <p className="notice notice--error" role="alert">{errorText(t, loaded.error)}</p>
              <BackLink />
            </>
          );
        }
        const update = (operation: Operation, message: string | null = null) => {
          setNote(message);
          setLoaded({ kind: 'ok', operation });
          if (operation.kind === 'password_change' && operation.status === 'signed') reloadSession();
        };
        return <OperationBody operation={loaded.operation} session={session} note={note} onChange={update} onStale={load} />;
      }}
    </SignedIn>
  );
}

interface BodyProps {
  operation: Operation;
  session: BankingSession;
  note: string | null;
  onChange: (operation: Operation, note?: string | null) => void;
  onStale: () => void;
}

function OperationBody({ operation, session, note, onChange, onStale }: BodyProps) {
  const { t } = useLocale();
  switch (operation.status) {
    case 'pending_signature':
      return <SigningView operation={operation} session={session} note={note} onChange={onChange} onStale={onStale} />;
    case 'held':
      return <HeldView operation={operation} onChange={onChange} onStale={onStale} />;
    case 'signed':
      return (
        <>
          <p className="notice notice--success bank-done" role="status">
            {operation.kind === 'password_change' ? t('web.bank.done.password') : t('web.bank.done.operation', { reference: operation.reference })}
          </p>
          <OperationDetails operation={operation} />
          <p>
            <Link to="/banking" className="button">{t('web.bank.done.continue')}</Link>
          </p>
        </>
      );
    default:
      return (
        <>
          <p className="notice notice--info" role="status">
            {operation.status === 'cancelled'
              ? t('web.bank.sign.cancelled', { reference: operation.reference })
              : t('web.bank.sign.closed', { status: statusText(t, operation.status) })}
          </p>
          <OperationDetails operation={operation} showStatus />
          <BackLink />
        </>
      );
  }
}

function BackLink() {
  const { t } = useLocale();
  return (
    <p>
      <Link to="/banking">{t('web.bank.sign.back')}</Link>
    </p>
  );
}
