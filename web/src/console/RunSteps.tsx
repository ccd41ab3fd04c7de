import { useLocale } from '../i18n/LocaleProvider.tsx';
import { Link } from '../router/Link.tsx';
import type { PlaybookRun, RunStep } from './api.ts';
import { dateTime, queueName } from './format.ts';
import { stepArticleHref } from './knowledge/links.ts';

type Translate = (id: string, params?: Record<string, string | number>) => string;

/**
 * A playbook run as the agent follows it: each step with the seed's words, done or still to do,
 * and what it did. A waiting run points to the email to send; a failed one can be resumed.
 */
export function RunSteps({ run, onResume, busy }: { run: PlaybookRun; onResume: () => void; busy: boolean }) {
  const { t, locale } = useLocale();
  return (
    <div className="console-run">
      <h3>{t('console.run.title', { title: run.title })}</h3>
      <p className={`console-run-status console-run-status--${run.status}`} role="status">
        {t(`console.run.status.${run.status}`)}
        {run.variant ? ` · ${t(`console.run.variant.${run.variant === 'virtual' ? 'virtual' : 'branch'}`)}` : ''}
      </p>
      {run.status === 'waiting' && (
        <p className="notice notice--info">
          <a href="#drafts-title">{t('console.run.waiting')}</a>
        </p>
      )}
      {run.status === 'failed' && (
        <div className="notice notice--error" role="alert">
          <p>{run.lastError}</p>
          <button type="button" className="button" onClick={onResume} disabled={busy}>
            {t('console.run.resume')}
          </button>
        </div>
      )}
      {run.mainCaseId && run.mainCaseId !== run.caseId && (
        <p>
          {/* `e` ("send the macro's email") leads here while the run waits for the main case's email. */}
          <Link to={`/console/case?id=${run.mainCaseId}`} aria-keyshortcuts={run.status === 'waiting' ? 'e' : undefined}>
            {t('console.run.mainCase')}
          </Link>
        </p>
      )}
      <ol className="console-steps">
        {run.steps.map((s) => (
          <li key={s.stepNo} className={s.done ? 'console-step console-step--done' : 'console-step'}>
            <p className="console-step__head">
              <span className="console-step__state">{s.done ? t('console.run.done') : t('console.run.pending')}</span> <strong>{s.label}</strong>
              {s.on === 'main' ? ` · ${t('console.run.onMain')}` : ''}
            </p>
            {s.say && <p className="console-step__say">“{s.say}”</p>}
            {s.done && s.result && <p className="console-step__result">{resultText(t, s)}</p>}
            {s.doneAt && <p className="muted">{dateTime(s.doneAt, locale)}</p>}
            <details>
              <summary>{t('console.run.seed')}</summary>
              <p lang="es">{s.seed}</p>
              <StepArticle outcome={run.outcome} step={s} />
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The procedure article that explains a step (`web/src/console/knowledge`). */
function StepArticle({ outcome, step }: { outcome: string; step: RunStep }) {
  const { t } = useLocale();
  const href = stepArticleHref(outcome, step.action);
  if (!href) return null;
  return (
    <p>
      <Link to={href}>{t('console.knowledge.stepArticle', { label: step.label })}</Link>
    </p>
  );
}

/** What a done step did, in words (the result object of each action of the engine). */
export function resultText(t: Translate, step: RunStep): string {
  const r = step.result ?? {};
  const str = (k: string) => (typeof r[k] === 'string' || typeof r[k] === 'number' ? String(r[k]) : '');
  if (r.skipped === 'no_manager') return t('console.result.noManager');
  if (r.blockId) return t('console.result.block', { target: t(`console.block.${r.target === 'signature' ? 'signature' : 'access'}`) });
  if (r.mentionId) return t('console.result.mention', { target: `${r.targetKind === 'manager' ? t('console.mention.manager') : t('console.mention.office')} ${str('targetId')}` });
  if (r.profile) return t('console.result.profile');
  if (r.fraudTaskId) return t('console.result.fraudTask');
  if (Array.isArray(r.unlinked)) {
    const names = (r.unlinked as { name?: string }[]).map((d) => d.name ?? '').filter(Boolean);
    return names.length ? t('console.result.unlinked', { devices: names.join(', ') }) : t('console.result.noneUnlinked');
  }
  if (r.mainNumber !== undefined) return t('console.result.mainCase', { number: str('mainNumber') });
  if (r.linkedTo) return t('console.result.linked');
  if (Array.isArray(r.draftIds)) return t('console.result.draft');
  if (Array.isArray(r.sent)) return t('console.result.sent');
  if (r.pendingReason) return t('console.result.pending', { reason: str('pendingReason') });
  if (r.queue) return t('console.result.queue', { queue: queueName(t, str('queue')) });
  if (r.closed) return t('console.result.closed');
  if (r.say) return t('console.result.said');
  return t('console.result.done');
}
