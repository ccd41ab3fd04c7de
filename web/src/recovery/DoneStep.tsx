import { useLocale } from '../i18n/LocaleProvider.tsx';
import { rich } from '../i18n/rich.tsx';
import { Link } from '../router/Link.tsx';
import { StepHeading } from './StepHeading.tsx';

/** Step 3 "Selección confirmada": seed 001's "¡Felicidades!" page. */
export function DoneStep({ email, mobile }: { email: string; mobile: string }) {
  const { t } = useLocale();
  return (
    <section aria-labelledby="recovery-step-heading" className="recovery-done">
      <StepHeading>{t('recovery.done.heading')}</StepHeading>
      <p className="lead">{t('recovery.done.lead')}</p>
      <div className="recovery-done__grid">
        <section className="panel" aria-labelledby="recovery-user-code">
          <h3 id="recovery-user-code">{t('recovery.done.userCode.heading')}</h3>
          <p>{rich(t('recovery.done.userCode'), { email: <strong className="recovery-mask">{email}</strong> })}</p>
        </section>
        <section className="panel" aria-labelledby="recovery-password">
          <h3 id="recovery-password">{t('recovery.done.password.heading')}</h3>
          <p>{rich(t('recovery.done.password'), { mobile: <strong className="recovery-mask">{mobile}</strong> })}</p>
        </section>
      </div>
      <p>{t('recovery.done.reminder')}</p>
      <p>
        {t('recovery.done.access')}{' '}
        <Link to="/banking" className="button recovery-access">
          {t('recovery.done.link')} <span aria-hidden="true">→</span>
        </Link>
      </p>
    </section>
  );
}
