import { useLocale } from '../i18n/LocaleProvider.tsx';
import { StepHeading } from './StepHeading.tsx';

const TEXTS = {
  visit_branch: { heading: 'recovery.branch.heading', text: 'recovery.branch.text' },
  expired: { heading: 'recovery.expired.heading', text: 'recovery.expired.text' },
  too_many: { heading: 'recovery.tooMany.heading', text: 'recovery.tooMany.text' },
} as const;

/** How a recovery ended without new credentials: visit your branch, expired, too many attempts. */
export function EndStep({ kind, onRestart }: { kind: keyof typeof TEXTS; onRestart(): void }) {
  const { t } = useLocale();
  const { heading, text } = TEXTS[kind];
  return (
    <section aria-labelledby="recovery-step-heading" className={`recovery-end recovery-end--${kind}`}>
      <StepHeading>{t(heading)}</StepHeading>
      <div className="notice notice--info" role="status">
        <p>{t(text)}</p>
      </div>
      <div className="recovery-actions">
        <button type="button" className="button" onClick={onRestart}>
          {t('recovery.startAgain')}
        </button>
      </div>
    </section>
  );
}
