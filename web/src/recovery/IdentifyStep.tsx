import { useRef, useState, type FormEvent } from 'react';
import { DOCUMENT_TYPES, checkStartInput, type StartField } from '../../../src/selfservice/input.ts';
import type { DocumentType } from '../../../src/customers/documents.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { recoveryApi, RecoveryError, type StartAnswer } from './api.ts';
import { Captcha, type CaptchaHandle } from './Captcha.tsx';
import { Field, FormError } from './Field.tsx';
import { StepHeading } from './StepHeading.tsx';
import { errorMessage, type Message } from './view.ts';
import { useMessage } from './useMessage.ts';

const FIELD_OF: Record<StartField, 'document' | 'pan' | 'pin'> = { invalid_document: 'document', invalid_pan: 'pan', invalid_pin: 'pin' };

/** Step 1 "Tu dato": document, card as printed, PIN and "No soy un robot". */
export function IdentifyStep({ onAnswer, onEnd }: { onAnswer(answer: StartAnswer): void; onEnd(err: RecoveryError): boolean }) {
  const { locale, t } = useLocale();
  const render = useMessage();
  const [documentType, setDocumentType] = useState<DocumentType>('DNI');
  const [document, setDocument] = useState('');
  const [pan, setPan] = useState('');
  const [pin, setPin] = useState('');
  const [payload, setPayload] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<StartField | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [sending, setSending] = useState(false);
  const captcha = useRef<CaptchaHandle>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { documentType, document, pan, pin };
    // The same checks as the server, so a typo is pointed out before anything is sent.
    const shape = checkStartInput(input);
    if (!shape.ok) {
      setFieldError(shape.reason);
      setError({ id: `recovery.error.${shape.reason}` });
      globalThis.document.getElementById(`recovery-${FIELD_OF[shape.reason]}`)?.focus();
      return;
    }
    setFieldError(null);
    if (!payload) {
      setError({ id: 'recovery.error.captcha_missing' });
      return;
    }
    setSending(true);
    setError(null);
    try {
      onAnswer(await recoveryApi.start(locale, input, payload));
    } catch (err) {
      if (!(err instanceof RecoveryError)) throw err;
      if (onEnd(err)) return;
      // A captcha is spent (or refused) once sent: the box must be ticked again.
      if (!err.reason?.startsWith('invalid_')) captcha.current?.reset();
      if (err.reason === 'invalid_document' || err.reason === 'invalid_pan' || err.reason === 'invalid_pin') {
        setFieldError(err.reason);
        globalThis.document.getElementById(`recovery-${FIELD_OF[err.reason]}`)?.focus();
      }
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  const fieldMessage = (field: StartField) => (fieldError === field ? t(`recovery.error.${field}`) : undefined);
  return (
    <section aria-labelledby="recovery-step-heading">
      <StepHeading>{t('recovery.identify.heading')}</StepHeading>
      <p>{t('recovery.identify.intro')}</p>
      <form className="recovery-form" onSubmit={submit} noValidate>
        <div className="field recovery-field">
          <label htmlFor="recovery-document-type">{t('recovery.field.documentType')}</label>
          <select id="recovery-document-type" value={documentType} onChange={(e) => setDocumentType(e.target.value as DocumentType)}>
            {DOCUMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`recovery.documentType.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <Field id="recovery-document" label={t('recovery.field.document')} hint={t('recovery.hint.document')} error={fieldMessage('invalid_document')} value={document} onChange={(e) => setDocument(e.target.value)} autoComplete="off" autoCapitalize="characters" spellCheck={false} required maxLength={20} />
        <Field id="recovery-pan" label={t('recovery.field.pan')} hint={t('recovery.hint.pan')} error={fieldMessage('invalid_pan')} value={pan} onChange={(e) => setPan(e.target.value)} inputMode="numeric" autoComplete="cc-number" required maxLength={30} />
        <Field id="recovery-pin" label={t('recovery.field.pin')} hint={t('recovery.hint.pin')} error={fieldMessage('invalid_pin')} value={pin} onChange={(e) => setPin(e.target.value)} type="password" inputMode="numeric" autoComplete="off" required maxLength={6} />
        <fieldset className="recovery-captcha">
          <legend>{t('recovery.captcha.heading')}</legend>
          <p className="field__hint" id="recovery-captcha-hint">
            {t('recovery.captcha.hint')}
          </p>
          <Captcha ref={captcha} onPayload={setPayload} />
        </fieldset>
        {/* A field's error is said under its field only, never again above the button. */}
        {error && !fieldError && <FormError>{render(error)}</FormError>}
        <div className="recovery-actions">
          <button type="submit" className="button" disabled={sending} aria-disabled={sending}>
            {sending ? t('recovery.sending') : t('recovery.identify.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
