import { useLocale } from '../i18n/LocaleProvider.tsx';
import type { Operation } from './api.ts';
import { formatAmount, maskedIban } from './format.ts';
import { statusText } from './labels.ts';

/** "Datos de la operación": what the customer checks before signing (PSD2 dynamic linking: the amount and the account paid, as the SMS names them). */
export function OperationDetails({ operation, showStatus = false }: { operation: Operation; showStatus?: boolean }) {
  const { t, locale } = useLocale();
  const rows: [string, string, string?][] = [[t('web.bank.sign.description'), operation.description]];
  if (operation.amount) rows.push([t('web.bank.sign.amount'), formatAmount(operation.amount, operation.currency, locale), 'bank-amount']);
  // The account the money goes to, masked as the SMS names it; the payee's name as typed, labelled so.
  if (operation.iban) rows.push([t('web.bank.sign.iban'), maskedIban(operation.iban), 'bank-iban']);
  if (operation.beneficiary) rows.push([t('web.bank.sign.beneficiary'), operation.beneficiary, 'bank-payee']);
  if (operation.concept) rows.push([t('web.bank.sign.concept'), operation.concept]);
  rows.push([t('web.bank.sign.reference'), operation.reference, 'bank-ref']);
  if (showStatus) rows.push([t('web.bank.sign.status'), statusText(t, operation.status)]);
  return (
    <section className="panel bank-op" aria-labelledby="op-data-heading">
      <h2 id="op-data-heading">{t('web.bank.sign.data')}</h2>
      <dl className="bank-dl">
        {rows.map(([term, value, className]) => (
          <div key={term}>
            <dt>{term}:</dt>
            <dd className={className}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
