import { STEPPER } from '../../../src/selfservice/flow.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';

/** Seed 001's stepper: "1 Tu dato · 2 Confirmación · 3 Selección confirmada", the current step marked. */
export function Stepper({ current }: { current: 1 | 2 | 3 }) {
  const { t } = useLocale();
  return (
    <nav aria-label={t('recovery.stepper.label')}>
      <ol className="stepper">
        {STEPPER.map((step, i) => {
          const n = i + 1;
          const state = n < current ? 'done' : n === current ? 'current' : 'todo';
          return (
            <li key={step.labelId} className={`stepper__step stepper__step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stepper__number" aria-hidden="true">
                {n}
              </span>
              <span className="stepper__label">{t(step.labelId)}</span>
              {state !== 'todo' && <span className="visually-hidden"> ({t(state === 'done' ? 'recovery.stepper.done' : 'recovery.stepper.current')})</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
