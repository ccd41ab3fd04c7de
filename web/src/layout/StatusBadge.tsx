import { useLocale } from '../i18n/LocaleProvider.tsx';
import type { FaceStatus } from '../faces.ts';

/** "Available", "Coming soon" or "Dev mode only", in words (colour only repeats them). */
export function StatusBadge({ status }: { status: FaceStatus }) {
  const { t } = useLocale();
  return <span className={`badge badge--${status}`}>{t(`web.status.${status}`)}</span>;
}
