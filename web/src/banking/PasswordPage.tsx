import { useEffect, useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { navigate } from '../router/router.ts';
import { bankingApi, type BankingSession } from './api.ts';
import { errorText, reasonOf } from './errors.ts';
import { Field, FormError } from './Field.tsx';
import { operationPath } from './format.ts';
import { SignedIn } from './SignedIn.tsx';
import { loadPolicy, StrengthMeter } from './StrengthMeter.tsx';

/** `/banking/password`: "Cambio de contraseña" (seed 001, step 5), forced while the password is temporary. */
export function PasswordPage() {
  const { t } = useLocale();
  return (
    <SignedIn title={t('web.bank.password.title')} duringPasswordChange>
      {(session) => <PasswordForm session={session} />}
    </SignedIn>
  );
}

type FieldName = 'current' | 'new' | 'repeat';
/** Which field a refusal of the server belongs to. */
const FIELD_OF: Record<string, FieldName> = {
  wrong_current: 'current',
  mismatch: 'repeat',
  too_short: 'new',
  too_long: 'new',
  too_common: 'new',
  same_as_current: 'new',
};

interface Limits {
  minLength: number;
  maxLength: number;
}

function PasswordForm({ session }: { session: BankingSession }) {
  const { t } = useLocale();
  const limits: Limits = session.passwordLimits ?? { minLength: 8, maxLength: 64 };
  const [values, setValues] = useState<Record<FieldName, string>>({ current: '', new: '', repeat: '' });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const forced = session.state === 'must_change_password';
  useEffect(() => void loadPolicy().catch(() => undefined), []);
  // An edited field drops its old error: it described a value that is gone.
  const set = (name: FieldName) => (value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => (e[name] ? { ...e, [name]: undefined } : e));
  };

  /** The checks the page can make before asking: required, length, repetition. */
  const localErrors = (): Partial<Record<FieldName, string>> => {
    const found: Partial<Record<FieldName, string>> = {};
    const length = [...values.new].length;
    if (!values.current) found.current = t('web.bank.required');
    if (!values.new) found.new = t('web.bank.required');
    else if (length < limits.minLength) found.new = t('web.bank.password.tooShort', { min: limits.minLength });
    else if (length > limits.maxLength) found.new = t('web.bank.password.tooLong', { max: limits.maxLength });
    if (values.new && values.repeat !== values.new) found.repeat = t('web.bank.password.mismatch');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const found = localErrors();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const { operation } = await bankingApi.changePassword(values.current, values.new, values.repeat);
      navigate(operationPath(operation.reference));
    } catch (err) {
      setBusy(false);
      const field = FIELD_OF[reasonOf(err) ?? ''];
      if (field) {
        setErrors({ [field]: errorText(t, err) });
        if (field === 'current') setValues((v) => ({ ...v, current: '' }));
        focusFirst({ [field]: 'x' });
      } else setFormError(errorText(t, err));
    }
  };

  const type = show ? 'text' : 'password';
  return (
    <>
      <p className="bank-customer-name">{session.customer.name}</p>
      <p className="lead">{forced ? t('web.bank.password.advice1') : t('web.bank.password.voluntary')}</p>
      <section className="notice notice--info bank-advice" aria-labelledby="advice-heading">
        <h2 id="advice-heading">{t('web.bank.password.recommendations')}</h2>
        <p>{t('web.bank.password.advice2')}</p>
        <p>{t('web.bank.password.rules', { min: limits.minLength, max: limits.maxLength })}</p>
      </section>
      <form className="panel bank-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="pw-current" name="current" label={t('web.bank.password.current')} type={type} autoComplete="current-password"
          value={values.current} error={errors.current} required onChange={(e) => set('current')(e.target.value)} />
        <Field id="pw-new" name="new" label={t('web.bank.password.new')} type={type} autoComplete="new-password"
          value={values.new} error={errors.new} required afterId="pw-strength"
          onChange={(e) => set('new')(e.target.value)}
          after={<StrengthMeter id="pw-strength" password={values.new} userInputs={[session.customer.name, session.customer.userCode]} />} />
        <Field id="pw-repeat" name="repeat" label={t('web.bank.password.repeat')} type={type} autoComplete="new-password"
          value={values.repeat} error={errors.repeat} required onChange={(e) => set('repeat')(e.target.value)} />
        <div className="bank-check">
          <input id="pw-show" type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
          <label htmlFor="pw-show">{t('web.bank.password.show')}</label>
        </div>
        <FormError message={formError} />
        <div className="bank-actions">
          <button type="submit" className="button" disabled={busy}>
            {t('web.bank.password.submit')}
          </button>
        </div>
      </form>
    </>
  );
}

/** Moves focus to the first field in error, in the form's order. */
function focusFirst(found: Partial<Record<FieldName, string>>): void {
  const first = (['current', 'new', 'repeat'] as const).find((name) => found[name]);
  if (first) window.setTimeout(() => document.getElementById(`pw-${first}`)?.focus(), 0);
}
