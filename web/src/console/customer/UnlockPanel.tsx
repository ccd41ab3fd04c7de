import { useState, type FormEvent } from 'react';
import { FormError } from '../../banking/Field.tsx';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { Link } from '../../router/Link.tsx';
import { useAction } from '../useAction.ts';
import { customerApi, type CustomerState, type DocumentSeen } from './api.ts';
import { refusalText } from './labels.ts';

const DOCUMENT_TYPES: readonly DocumentSeen['type'][] = ['DNI', 'NIE', 'CIF', 'PASSPORT'];

/**
 * The branch's unlock of its own customer (seed 002: "las instrucciones que debe seguir la
 * oficina para proceder al desbloqueo del cliente"): the document seen in person, then the lift
 * of what the contact centre set — at once, or once a second person approves (four-eyes). From
 * a case (`caseId` fixed) or from the customer page (any of the customer's open cases, or none).
 */
export function UnlockPanel({ state, caseId, onDone }: { state: CustomerState; caseId?: string; onDone: () => void }) {
  const { t } = useLocale();
  const action = state.actions.branchUnlock;
  const [type, setType] = useState<DocumentSeen['type']>(state.customer.document.type as DocumentSeen['type']);
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const pendingCase = state.openCases.find((k) => k.status === 'pending_customer');
  const [chosenCase, setChosenCase] = useState(caseId ?? pendingCase?.id ?? '');
  const [done, setDone] = useState('');
  const { busy, error, setError, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!number.trim()) {
      setError(t('console.unlock.numberRequired'));
      return;
    }
    let performed = false;
    const ok = await run(async () => {
      performed = (await customerApi.unlock(state.customer.id, { document: { type, number: number.trim() }, ...(chosenCase ? { caseId: chosenCase } : {}), ...(note.trim() ? { note: note.trim() } : {}) })).performed;
    });
    if (!ok) return;
    setDone(t(performed ? 'console.unlock.done' : 'console.unlock.requested'));
    setNumber('');
    onDone();
  };

  return (
    <section className="panel customer-unlock" aria-labelledby="unlock-title">
      <h2 id="unlock-title">{t('console.unlock.title')}</h2>
      <p role="status" className="notice notice--info customer-unlock__status" hidden={!done}>
        {done}
      </p>
      {action.pendingRequestId ? (
        <p className="notice notice--info">
          {t('console.unlock.pending')} <Link to="/console/approvals">{t('console.unlock.toApprovals')}</Link>
        </p>
      ) : !action.allowed ? (
        <p className="muted">{refusalText(t, action.refusal)}</p>
      ) : (
        <form className="console-form" onSubmit={(e) => void submit(e)} noValidate>
          <p>{t('console.unlock.lead')}</p>
          <ul>
            {action.steps.map((s) => (
              <li key={s}>{t(`unlock.step.${s}`)}</li>
            ))}
          </ul>
          <fieldset>
            <legend>{t('console.unlock.document')}</legend>
            <div className="field">
              <label htmlFor="unlock-doc-type">{t('console.unlock.documentType')}</label>
              <select id="unlock-doc-type" value={type} onChange={(e) => setType(e.target.value as DocumentSeen['type'])}>
                {DOCUMENT_TYPES.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="unlock-doc-number">{t('console.unlock.documentNumber')}</label>
              <input id="unlock-doc-number" value={number} autoComplete="off" spellCheck={false} onChange={(e) => setNumber(e.target.value)} />
            </div>
          </fieldset>
          {!caseId && (
            <div className="field">
              <label htmlFor="unlock-case">{t('console.unlock.case')}</label>
              <select id="unlock-case" value={chosenCase} onChange={(e) => setChosenCase(e.target.value)}>
                <option value="">{t('console.unlock.noCase')}</option>
                {state.openCases.map((k) => (
                  <option key={k.id} value={k.id}>
                    {t('console.case.ref', { number: k.number })} · {t(`backoffice.status.${k.status}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="unlock-note">{t('console.unlock.note')}</label>
            <textarea id="unlock-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          {action.fourEyes && <p className="muted">{t('console.unlock.fourEyes')}</p>}
          <FormError message={error} />
          <button type="submit" className="button" disabled={busy}>
            {t(action.fourEyes ? 'console.unlock.submitFourEyes' : 'console.unlock.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
