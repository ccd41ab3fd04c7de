import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { Link } from '../../router/Link.tsx';
import type { CaseDetail, StaffMember } from '../api.ts';
import { actorName, dateTime } from '../format.ts';

/**
 * The fraud-protocol tasks a case started ("activamos el protocolo de fraudes"), on the case:
 * status, who has it, the result and its note once the fraud team closes it. The fraud team,
 * supervisors and admins open the task in the fraud queue.
 */
export function CaseFraudTasks({ detail, staff }: { detail: CaseDetail; staff: StaffMember }) {
  const { t, locale } = useLocale();
  if (detail.fraudTasks.length === 0) return null;
  const works = staff.role === 'fraud' || staff.role === 'supervisor' || staff.role === 'admin';
  return (
    <section className="panel console-fraud-tasks" aria-labelledby="fraud-tasks-title">
      <h2 id="fraud-tasks-title">{t('console.fraud.onCase')}</h2>
      <ul className="console-list">
        {detail.fraudTasks.map((task) => (
          <li key={task.id} className="fraud-case-task" data-task={task.id}>
            <p>
              <strong>{t(`fraud.kind.${task.kind}`)}</strong> · <span className={`fraud-status fraud-status--${task.status}`}>{t(`fraud.status.${task.status}`)}</span> ·{' '}
              {t('console.fraud.ownerIs', { owner: actorName(task.owner) })}
            </p>
            {task.result && (
              <p className="fraud-case-task__result">
                {t('console.fraud.resultIs', { result: t(`fraud.result.${task.result}`) })}
                {task.closedAt ? ` · ${dateTime(task.closedAt, locale)}` : ''}
              </p>
            )}
            {task.closingNote && <p className="console-timeline__detail">{task.closingNote}</p>}
            {works && <Link to={`/console/fraud?task=${task.id}`}>{t('console.fraud.openTask')}</Link>}
          </li>
        ))}
      </ul>
    </section>
  );
}
