import { useState, type FormEvent, type ReactNode } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { errorText } from './errors.ts';
import { Field } from './Field.tsx';
import { digitsOnly } from './format.ts';

interface CodeFormProps {
  id: string;
  label: string;
  prompt?: ReactNode;
  submitLabel: string;
  /** Sends the code; a refusal is shown under the field and the field is emptied. */
  onSubmit: (code: string) => Promise<void>;
  /** Buttons before "Aceptar" (seed 001 puts "Cancelar" first). */
  extraActions?: ReactNode;
}

/** A one-time code form: digits only, read as an SMS code by phones (`one-time-code`), errors announced. */
export function CodeForm({ id, label, prompt, submitLabel, onSubmit, extraActions }: CodeFormProps) {
  const { t } = useLocale();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const digits = digitsOnly(code);
    if (!digits) {
      setError(code ? t('web.bank.code.digits') : t('web.bank.required'));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await onSubmit(digits);
    } catch (err) {
      setError(errorText(t, err));
      setCode('');
      document.getElementById(id)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bank-code" onSubmit={(e) => void submit(e)} noValidate>
      {prompt && <p className="bank-code__prompt">{prompt}</p>}
      <Field id={id} name="code" label={label} value={code} error={error} inputMode="numeric" autoComplete="one-time-code"
        maxLength={12} spellCheck={false} className="bank-code__input" onChange={(e) => setCode(e.target.value)} />
      <div className="bank-actions">
        {extraActions}
        <button type="submit" className="button" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
