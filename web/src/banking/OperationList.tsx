import { useLocale } from '../i18n/LocaleProvider.tsx';
import { Link } from '../router/Link.tsx';
import type { Operation } from './api.ts';
import { formatAmount, formatDateTime, operationPath } from './format.ts';
import { openText, statusText } from './labels.ts';

/** The customer's operations as a table: date, description, amount, status, reference and what to do next. */
export function OperationList({ operations, canAct }: { operations: Operation[]; canAct: boolean }) {
  const { t, locale } = useLocale();
  return (
    <div className="bank-table-wrap">
      <table className="bank-table">
        <caption className="visually-hidden">{t('web.bank.home.operations')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('web.bank.ops.date')}</th>
            <th scope="col">{t('web.bank.ops.description')}</th>
            <th scope="col" className="bank-table__num">{t('web.bank.ops.amount')}</th>
            <th scope="col">{t('web.bank.ops.status')}</th>
            <th scope="col">{t('web.bank.ops.reference')}</th>
            <th scope="col">{t('web.bank.ops.action')}</th>
          </tr>
        </thead>
        <tbody>
          {operations.map((op) => {
            return (
              <tr key={op.id} data-reference={op.reference}>
                <td>{formatDateTime(op.createdAt, locale)}</td>
                <td>
                  {op.description}
                  {op.beneficiary && <span className="bank-table__sub">{op.beneficiary}</span>}
                </td>
                <td className="bank-table__num">{op.amount ? formatAmount(op.amount, op.currency, locale) : '—'}</td>
                <td>
                  <span className={`bank-status bank-status--${op.status}`}>{statusText(t, op.status)}</span>
                </td>
                <td className="bank-ref">{op.reference}</td>
                <td>
                  <Link to={operationPath(op.reference)}>{openText(t, op.status, canAct, op.reference)}</Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
