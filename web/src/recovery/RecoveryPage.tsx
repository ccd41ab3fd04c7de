import '../styles/recovery.css';
import { useCallback, useEffect, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { recoveryApi, RecoveryError, type ConfirmAnswer, type StartAnswer } from './api.ts';
import { CodeStep } from './CodeStep.tsx';
import { DoneStep } from './DoneStep.tsx';
import { EndStep } from './EndStep.tsx';
import { IdentifyStep } from './IdentifyStep.tsx';
import { StepMoved } from './StepHeading.tsx';
import { Stepper } from './Stepper.tsx';
import { endFor, stepNumber, type View } from './view.ts';

/**
 * /recovery — seed 001's "Recuperar contraseña": the flow lives on the server (cookie), the page
 * shows its step. One address for every step, so no code or token ever appears in a URL.
 */
export function RecoveryPage() {
  const { locale, t } = useLocale();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [moved, setMoved] = useState(false);

  const go = useCallback((next: View) => {
    setMoved(true);
    setView(next);
  }, []);

  // A reload in the middle of step 2 comes back to step 2.
  useEffect(() => {
    let live = true;
    recoveryApi
      .flow(locale)
      .then((flow) => live && setView(flow.step === 'code_sent' ? { kind: 'code', expiresAt: flow.expiresAt } : { kind: 'identify' }))
      .catch((err: unknown) => live && setView((err instanceof RecoveryError && endFor(err)) || { kind: 'identify' }));
    return () => {
      live = false;
    };
    // Only on arrival (no `locale` dependency): a language switch must not reset the page.
  }, []);

  /** Moves to the end page a refusal means; false when the step should show the error itself. */
  const onEnd = useCallback(
    (err: RecoveryError) => {
      const end = endFor(err);
      if (end) go(end);
      return end !== null;
    },
    [go],
  );
  const started = (a: StartAnswer) => go(a.step === 'visit_branch' ? { kind: 'visit_branch' } : { kind: 'code', expiresAt: a.expiresAt });
  const confirmed = (a: ConfirmAnswer) => go(a.step === 'visit_branch' ? { kind: 'visit_branch' } : { kind: 'done', email: a.email, mobile: a.mobile });
  const restart = () => go({ kind: 'identify' });

  const step = stepNumber(view);
  return (
    <div className="page page--narrow recovery">
      <PageTitle>{t('recovery.title')}</PageTitle>
      <p className="lead">{t('recovery.lead')}</p>
      {step && <Stepper current={step} />}
      <StepMoved.Provider value={moved}>
        <div className="recovery-step panel">
          {view.kind === 'loading' && <p role="status">{t('recovery.loading')}</p>}
          {view.kind === 'identify' && <IdentifyStep onAnswer={started} onEnd={onEnd} />}
          {view.kind === 'code' && <CodeStep expiresAt={view.expiresAt} onAnswer={confirmed} onEnd={onEnd} />}
          {view.kind === 'done' && <DoneStep email={view.email} mobile={view.mobile} />}
          {(view.kind === 'visit_branch' || view.kind === 'expired' || view.kind === 'finished' || view.kind === 'too_many') && <EndStep kind={view.kind} onRestart={restart} />}
        </div>
      </StepMoved.Provider>
    </div>
  );
}
