import { useEffect, useState, type FormEvent } from 'react';
import type { StaffRole } from '../../../../src/backoffice/access.ts';
import type { ArticleId } from '../../../../src/knowledge/articles.ts';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { PageTitle } from '../../layout/PageTitle.tsx';
import { Link } from '../../router/Link.tsx';
import { useSearch } from '../../router/router.ts';
import { ConsoleApiError, type StaffMember } from '../api.ts';
import { ConsoleFrame } from '../ConsoleFrame.tsx';
import { errorText } from '../errors.ts';
import { actorName, dateTime } from '../format.ts';
import { useSearchAnswer } from '../directory/useSearchAnswer.ts';
import { CONSOLE_PAGES } from '../nav.ts';
import { knowledgeApi, type ArticleSummaryView, type ArticleView, type FeedbackView } from './api.ts';
import { knowledgeHref } from './links.ts';

/** The procedures of seed 002 as articles (`/console/knowledge`, one article with `?id=`). */
export function KnowledgePage() {
  const search = useSearch();
  const id = new URLSearchParams(search).get('id');
  return <ConsoleFrame>{(staff) => (id ? <ArticlePage key={id} id={id} staff={staff} /> : <ArticleIndex />)}</ConsoleFrame>;
}

const TOPICS: readonly ArticleSummaryView['topic'][] = ['contact', 'outcome', 'procedure', 'directory'];

function ArticleIndex() {
  const { t, locale } = useLocale();
  const [query, setQuery] = useState('');
  const { answer, error } = useSearchAnswer(() => knowledgeApi.list(query), `${query}\n${locale}`);
  const articles = answer?.articles ?? null;
  const count = articles?.length ?? 0;
  return (
    <div className="side-page">
      <PageTitle>{t('console.knowledge.title')}</PageTitle>
      <p className="lead">{t('console.knowledge.lead')}</p>
      <form className="panel side-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="kb-q">{t('console.knowledge.search')}</label>
          <input id="kb-q" type="search" value={query} autoComplete="off" onChange={(e) => setQuery(e.target.value)} />
        </div>
      </form>
      {error !== null && (
        <p className="notice notice--error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {articles && (
        <>
          <p className="muted" aria-live="polite">
            {count === 1 ? t('console.knowledge.count.one') : t('console.knowledge.count', { count })}
          </p>
          {count === 0 && <p>{t('console.knowledge.none')}</p>}
          {TOPICS.map((topic) => {
            const list = articles.filter((a) => a.topic === topic);
            if (list.length === 0) return null;
            return (
              <section key={topic} className="kb-topic" aria-labelledby={`kb-t-${topic}`}>
                <h2 id={`kb-t-${topic}`}>{t(`console.knowledge.topic.${topic}`)}</h2>
                <ul className="kb-list">
                  {list.map((a) => (
                    <li key={a.id}>
                      <Link to={knowledgeHref(a.id as ArticleId)}>{a.title}</Link>
                      <p className="muted">{a.summary}</p>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}

function ArticlePage({ id, staff }: { id: string; staff: StaffMember }) {
  const { t, locale } = useLocale();
  const [article, setArticle] = useState<ArticleView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(0);
  useEffect(() => {
    let live = true;
    knowledgeApi.article(id).then(
      (a) => live && (setArticle(a), setError(null)),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [id, locale]);

  const back = (
    <p className="kb-back">
      <Link to="/console/knowledge">{t('console.knowledge.back')}</Link>
    </p>
  );
  if (error !== null) {
    const missing = error instanceof ConsoleApiError && error.status === 404;
    return (
      <div className="side-page">
        {back}
        <PageTitle>{missing ? t('console.knowledge.notFound') : t('console.knowledge.title')}</PageTitle>
        {!missing && (
          <p className="notice notice--error" role="alert">
            {errorText(t, error)}
          </p>
        )}
      </div>
    );
  }
  if (!article) {
    return (
      <div className="side-page">
        {back}
        <PageTitle>{t('console.knowledge.title')}</PageTitle>
        <p className="muted">{t('console.loading')}</p>
      </div>
    );
  }
  const page = article.page ? CONSOLE_PAGES.find((p) => p.path === article.page) : undefined;
  return (
    <div className="side-page kb-article">
      {back}
      <PageTitle>{article.title}</PageTitle>
      <p className="lead">{article.summary}</p>
      {article.sections.map((section, i) => (
        <section key={i} className="kb-section">
          {section.heading && <h2>{section.heading}</h2>}
          {section.paragraphs.map((p, j) => (
            <p key={j}>{p}</p>
          ))}
          {section.list.length > 0 && (
            <ul>
              {section.list.map((item, j) => (
                <li key={j}>{item}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {page && (
        <p>
          <Link className="button button--quiet" to={page.path}>
            {t('console.knowledge.open', { page: t(page.labelId) })}
          </Link>
        </p>
      )}
      {article.playbook && <Steps article={article} />}
      <section className="kb-section kb-seed" aria-labelledby="kb-seed">
        <h2 id="kb-seed">{t('console.knowledge.seed')}</h2>
        <p className="muted">{t('console.knowledge.seedNote')}</p>
        {article.seed.map((quote, i) => (
          <blockquote key={i} lang="es">
            {quote}
          </blockquote>
        ))}
      </section>
      {article.related.length > 0 && (
        <section className="kb-section" aria-labelledby="kb-related">
          <h2 id="kb-related">{t('console.knowledge.related')}</h2>
          <ul>
            {article.related.map((r) => (
              <li key={r.id}>
                <Link to={knowledgeHref(r.id as ArticleId)}>{r.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <FeedbackBox articleId={article.id} onSent={() => setSent((n) => n + 1)} />
      {READERS.includes(staff.role) && <FeedbackReceived articleId={article.id} round={sent} />}
    </div>
  );
}

/** Who reads the comments received (the server's rule; here only to not offer what it refuses). */
const READERS: readonly StaffRole[] = ['supervisor', 'admin'];

function Steps({ article }: { article: ArticleView }) {
  const { t } = useLocale();
  const playbook = article.playbook!;
  const list = (steps: typeof playbook.steps) => (
    <ol className="kb-steps">
      {steps.map((step, i) => (
        <li key={i}>
          <strong>{step.label}</strong>
          {step.say && (
            <p className="kb-say">
              {t('console.knowledge.say')} «{step.say}»
            </p>
          )}
          <p className="kb-step-seed">
            <q lang="es">{step.seed}</q>
          </p>
          {step.articleId !== article.id && (
            <p>
              <Link to={knowledgeHref(step.articleId as ArticleId)}>{t('console.knowledge.stepArticle', { label: step.label })}</Link>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
  return (
    <section className="kb-section" aria-labelledby="kb-steps">
      <h2 id="kb-steps">{t('console.knowledge.steps')}</h2>
      <h3>{t('console.knowledge.requires')}</h3>
      {playbook.requires.length === 0 ? (
        <p>{t('console.knowledge.requiresNothing')}</p>
      ) : (
        <ul>
          {playbook.requires.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {list(playbook.steps)}
      {playbook.variants.map((v) => (
        <div key={v.variant}>
          <h3>{t(`console.knowledge.variant.${v.variant}`)}</h3>
          {list(v.steps)}
        </div>
      ))}
    </section>
  );
}

/** "Ayúdanos a mejorar enviándonos tus comentarios" (seed 002): stored by the server, one row per comment. */
function FeedbackBox({ articleId, onSent }: { articleId: string; onSent: () => void }) {
  const { t } = useLocale();
  const [comment, setComment] = useState('');
  const [helpful, setHelpful] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    if (!comment.trim()) {
      setError(t('knowledge.error.feedback_empty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await knowledgeApi.send(articleId, comment, helpful);
      setComment('');
      setHelpful(null);
      setDone(true);
      onSent();
    } catch (err) {
      setError(err instanceof ConsoleApiError && err.reason === 'feedback_empty' ? t('knowledge.error.feedback_empty') : errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel kb-feedback" aria-labelledby="kb-feedback">
      <h2 id="kb-feedback">{t('console.knowledge.feedback.title')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="kb-helpful">
          <legend>{t('console.knowledge.feedback.helpful')}</legend>
          <label>
            <input type="radio" name="kb-helpful" checked={helpful === true} onChange={() => setHelpful(true)} /> {t('console.knowledge.feedback.yes')}
          </label>
          <label>
            <input type="radio" name="kb-helpful" checked={helpful === false} onChange={() => setHelpful(false)} /> {t('console.knowledge.feedback.no')}
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="kb-comment">{t('console.knowledge.feedback.comment')}</label>
          <p id="kb-comment-hint" className="field__hint">
            {t('console.knowledge.feedback.hint')}
          </p>
          <textarea
            id="kb-comment"
            rows={4}
            maxLength={2000}
            value={comment}
            aria-describedby={error ? 'kb-comment-hint kb-comment-error' : 'kb-comment-hint'}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setComment(e.target.value)}
          />
          {error && (
            <p id="kb-comment-error" className="side-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('console.knowledge.feedback.sending') : t('console.knowledge.feedback.send')}
        </button>
        <p className="side-status" role="status">
          {done ? t('console.knowledge.feedback.thanks') : ''}
        </p>
      </form>
    </section>
  );
}

function FeedbackReceived({ articleId, round }: { articleId: string; round: number }) {
  const { t, locale } = useLocale();
  const [rows, setRows] = useState<FeedbackView[] | null>(null);
  useEffect(() => {
    let live = true;
    knowledgeApi.received(articleId).then(
      (res) => live && setRows(res.feedback),
      () => live && setRows([]),
    );
    return () => {
      live = false;
    };
  }, [articleId, round]);
  if (!rows) return null;
  return (
    <section className="kb-section" aria-labelledby="kb-received">
      <h2 id="kb-received">{t('console.knowledge.feedback.received')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('console.knowledge.feedback.noneReceived')}</p>
      ) : (
        <ul className="kb-received">
          {rows.map((f) => (
            <li key={f.id}>
              <p className="muted">
                {t('console.knowledge.feedback.byOn', { author: actorName(f.author), date: dateTime(f.createdAt, locale) })}
                {f.helpful !== null && ` · ${f.helpful ? t('console.knowledge.feedback.wasHelpful') : t('console.knowledge.feedback.wasNotHelpful')}`}
              </p>
              <p>{f.comment}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
