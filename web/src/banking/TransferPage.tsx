import { useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { navigate } from '../router/router.ts';
import { bankingApi } from './api.ts';
import { errorText, reasonOf } from './errors.ts';
import { Field, FormError } from './Field.tsx';
import { amountForApi, operationPath } from './format.ts';
import { SignedIn } from './SignedIn.tsx';

/** `/banking/transfer`: a transfer, then its signing page (or the held page when a fraud rule holds it). */
export function TransferPage() {
  const { t } = useLocale();
  return (
    <SignedIn title={t('web.bank.transfer.title')}>
      {(session) =>
        session.profile === 'read_only' ? (
          <p className="notice notice--info" role="status">{t('web.bank.transfer.readOnly')}</p>
        ) : (
          <TransferForm />
        )
      }
    </SignedIn>
  );
}

type Name = 'iban' | 'beneficiary' | 'amount' | 'concept';
const FIELD_OF: Record<string, Name> = { invalid_iban: 'iban', invalid_amount: 'amount', invalid_beneficiary: 'beneficiary' };

function TransferForm() {
  const { t } = useLocale();
  const [values, setValues] = useState<Record<Name, string>>({ iban: '', beneficiary: '', amount: '', concept: '' });
  const [errors, setErrors] = useState<Partial<Record<Name, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: Name) => (value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => (e[name] ? { ...e, [name]: undefined } : e));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const found: Partial<Record<Name, string>> = {};
    const iban = values.iban.replace(/\s+/g, '').toUpperCase();
    const amount = amountForApi(values.amount);
    if (!iban) found.iban = t('web.bank.required');
    if (!values.beneficiary.trim()) found.beneficiary = t('web.bank.required');
    if (!values.amount.trim()) found.amount = t('web.bank.required');
    else if (!amount || Number(amount) <= 0) found.amount = t('banking.error.invalid_amount');
    setErrors(found);
    const first = (['iban', 'beneficiary', 'amount'] as const).find((n) => found[n]);
    if (first || !amount) {
      if (first) document.getElementById(`tr-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const concept = values.concept.trim();
      const { operation } = await bankingApi.transfer({ iban, beneficiary: values.beneficiary.trim(), amount, ...(concept ? { concept } : {}) });
      navigate(operationPath(operation.reference));
    } catch (err) {
      setBusy(false);
      const field = FIELD_OF[reasonOf(err) ?? ''];
      if (field) {
        setErrors({ [field]: errorText(t, err) });
        document.getElementById(`tr-${field}`)?.focus();
      } else setFormError(errorText(t, err));
    }
  };

  return (
    <>
      <p className="lead">{t('web.bank.transfer.lead')}</p>
      <form className="panel bank-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="tr-iban" label={t('web.bank.transfer.iban')} hint={t('web.bank.transfer.iban.hint')} value={values.iban} error={errors.iban}
          autoComplete="off" spellCheck={false} autoCapitalize="characters" required onChange={(e) => set('iban')(e.target.value)} />
        <Field id="tr-beneficiary" label={t('web.bank.transfer.beneficiary')} value={values.beneficiary} error={errors.beneficiary}
          autoComplete="off" maxLength={200} required onChange={(e) => set('beneficiary')(e.target.value)} />
        <Field id="tr-amount" label={t('web.bank.transfer.amount')} hint={t('web.bank.transfer.amount.hint')} value={values.amount} error={errors.amount}
          inputMode="decimal" autoComplete="off" required onChange={(e) => set('amount')(e.target.value)} />
        <Field id="tr-concept" label={t('web.bank.transfer.concept')} value={values.concept} error={errors.concept}
          autoComplete="off" maxLength={280} onChange={(e) => set('concept')(e.target.value)} />
        <FormError message={formError} />
        <div className="bank-actions">
          <button type="submit" className="button" disabled={busy}>
            {t('web.bank.transfer.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
