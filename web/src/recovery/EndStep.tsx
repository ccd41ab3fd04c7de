import { useLocale } from '../i18n/LocaleProvider.tsx';
import { Link } from '../router/Link.tsx';
import { StepHeading } from './StepHeading.tsx';

const TEXTS = {
  visit_branch: { heading: 'recovery.branch.heading', text: 'recovery.branch.text' },
  expired: { heading: 'recovery.expired.heading', text: 'recovery.expired.text' },
  finished: { heading: 'recovery.finished.heading', text: 'recovery.finished.text' },
  too_many: { heading: 'recovery.tooMany.heading', text: 'recovery.tooMany.text' },
} as const;

/** How a recovery ended on this page: visit your branch, expired, too many attempts, or completed elsewhere. */
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
        {kind === 'finished' && (
          <Link to="/banking" className="button recovery-access">
            {t('recovery.done.link')}
          </Link>
        )}
        <button type="button" className="button" onClick={onRestart}>
          {t('recovery.startAgain')}
        </button>
      </div>
    </section>
  );
}
