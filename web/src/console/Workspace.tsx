import '../styles/console-workspace.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { Link } from '../router/Link.tsx';
import { navigate, usePathname, useSearch } from '../router/router.ts';
import type { StaffMember } from './api.ts';
import { CaseView, type CaseLabel } from './CasePage.tsx';
import { afterClosing, closeTab, labelTab, loadTabs, neighbourTab, openTab, saveTabs, type CaseTab } from './caseTabs.ts';
import { ConsoleFrame } from './ConsoleFrame.tsx';
import { Queue } from './QueuePage.tsx';
import { ShortcutsScope, useShortcuts } from './shortcuts.ts';

type Translate = (id: string, params?: Record<string, string | number>) => string;

const caseHref = (id: string) => `/console/case?id=${encodeURIComponent(id)}`;

/** What a tab says: the customer's name and the case number (issue 15: "tab labels say customer name + case number"). */
export function tabLabel(t: Translate, tab: CaseTab): string {
  if (tab.name && tab.number !== undefined) return t('console.tabs.case', { name: tab.name, number: tab.number });
  if (tab.unavailable) return tab.number !== undefined ? `${t('console.case.ref', { number: tab.number })} · ${t('console.tabs.unavailable')}` : t('console.tabs.unavailable');
  return t('console.tabs.loading');
}

/**
 * The agent's workspace (issue 15 §1), `/console` and `/console/case?id=`: one screen that uses
 * the width it has. On `/console` the queue fills it. With a case on screen the queue narrows to a
 * pane on the left and the case takes the rest, its case, customer and call panes side by side,
 * each scrolling on its own, so the page itself never scrolls on a desktop screen.
 *
 * Several cases stay open at once, in tabs. Each open case stays mounted, off screen when its tab
 * is not the active one (a React portal into a node of its own that the active tab puts on
 * screen): what the agent had half done there (an answer typed, a result chosen, a draft edited,
 * how far each pane was scrolled) is still there on coming back. Only the case on screen answers
 * the keys (`ShortcutsScope`). Both paths are this one component, so going to the queue and back
 * keeps the open cases too.
 */
export function Workspace() {
  return <ConsoleFrame fill>{(staff) => <WorkspaceView staff={staff} />}</ConsoleFrame>;
}

function WorkspaceView({ staff }: { staff: StaffMember }) {
  const { t } = useLocale();
  const pathname = usePathname();
  const search = useSearch();
  /** The case on screen: `?id=` on `/console/case`; null on the queue. */
  const active = pathname === '/console/case' ? (new URLSearchParams(search).get('id') ?? '') : null;
  const [tabs, setTabs] = useState<readonly CaseTab[]>(() => (active ? openTab(loadTabs(staff.id), active) : loadTabs(staff.id)));
  const [slot, setSlot] = useState<HTMLDivElement | null>(null);
  /** Where the focus goes once the tabs change: a tab's link (after closing one), or the case's title (after `[` `]`). */
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (active) setTabs((prev) => (prev.some((tab) => tab.id === active) ? prev : openTab(prev, active)));
  }, [active]);
  useEffect(() => saveTabs(staff.id, tabs), [staff.id, tabs]);
  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    focusNext.current = null;
    const link = target === 'title' ? null : document.querySelector<HTMLElement>(`[data-tab="${CSS.escape(target)}"] a`);
    (link ?? document.getElementById('page-title'))?.focus();
  }, [tabs, active]);

  const close = useCallback(
    (id: string) => {
      const next = afterClosing(tabs, id);
      focusNext.current = next ?? 'title';
      setTabs(closeTab(tabs, id));
      if (id === active) navigate(next ? caseHref(next) : '/console');
    },
    [tabs, active],
  );
  const keys = useMemo(() => {
    const go = (step: 1 | -1) => () => {
      const id = neighbourTab(tabs, active, step);
      if (!id || id === active) return;
      focusNext.current = 'title';
      navigate(caseHref(id));
    };
    return { '[': go(-1), ']': go(1) };
  }, [tabs, active]);
  useShortcuts(keys);
  const onLoaded = useCallback((id: string, label: CaseLabel) => setTabs((prev) => labelTab(prev, id, label)), []);

  return (
    <div className={`workspace${active !== null ? ' workspace--case' : ''}`}>
      {tabs.length > 0 && <CaseTabs tabs={tabs} active={active} onClose={close} />}
      <div className="workspace__body">
        <div className="workspace-pane workspace-queue" role="region" aria-label={t('console.workspace.queue')} tabIndex={active !== null ? 0 : undefined}>
          <Queue staff={staff} compact={active !== null} activeId={active} />
        </div>
        {active !== null && <div className="workspace__case" ref={setSlot} />}
        {active === '' && (
          <div className="workspace__case">
            <CaseView id="" staff={staff} />
          </div>
        )}
      </div>
      {tabs.map((tab) => (
        <OpenCase key={tab.id} id={tab.id} staff={staff} slot={tab.id === active ? slot : null} onLoaded={onLoaded} />
      ))}
    </div>
  );
}

/** The tab strip: one link per open case (the active one marked) and its close button. */
function CaseTabs({ tabs, active, onClose }: { tabs: readonly CaseTab[]; active: string | null; onClose: (id: string) => void }) {
  const { t } = useLocale();
  const onKey = (id: string) => (e: KeyboardEvent) => {
    if (e.key !== 'Delete') return;
    e.preventDefault();
    onClose(id);
  };
  return (
    <nav className="workspace-tabs" aria-label={t('console.tabs.label')} aria-describedby="workspace-tabs-hint">
      <p id="workspace-tabs-hint" className="visually-hidden">
        {t('console.tabs.hint')}
      </p>
      <ul>
        {tabs.map((tab) => {
          const label = tabLabel(t, tab);
          const current = tab.id === active;
          return (
            <li key={tab.id} data-tab={tab.id} className={`workspace-tab${current ? ' workspace-tab--current' : ''}${tab.unavailable ? ' workspace-tab--unavailable' : ''}`}>
              <Link to={caseHref(tab.id)} aria-current={current ? 'page' : undefined} onKeyDown={onKey(tab.id)} aria-keyshortcuts="[ ]">
                {label}
              </Link>
              <button type="button" className="workspace-tab__close" aria-label={t('console.tabs.close', { label })} title={t('console.tabs.close', { label })} onClick={() => onClose(tab.id)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * One open case. Its view lives in a node of its own; the tab on screen puts that node in the
 * workspace's case area (`slot`), the others keep it off the page, mounted, with their state.
 * The panes' scroll positions, which the browser drops off the page, are put back.
 */
function OpenCase({ id, staff, slot, onLoaded }: { id: string; staff: StaffMember; slot: HTMLElement | null; onLoaded: (id: string, label: CaseLabel) => void }) {
  const [node] = useState(() => {
    const div = document.createElement('div');
    div.className = 'workspace__view';
    return div;
  });
  const scrolls = useRef<number[]>([]);
  useLayoutEffect(() => {
    if (!slot) return;
    slot.appendChild(node);
    node.querySelectorAll<HTMLElement>('.workspace-pane').forEach((pane, i) => {
      pane.scrollTop = scrolls.current[i] ?? 0;
    });
    return () => {
      scrolls.current = [...node.querySelectorAll<HTMLElement>('.workspace-pane')].map((pane) => pane.scrollTop);
      node.remove();
    };
  }, [slot, node]);
  const labelled = useCallback((label: CaseLabel) => onLoaded(id, label), [id, onLoaded]);
  return createPortal(
    <ShortcutsScope.Provider value={slot !== null}>
      <CaseView id={id} staff={staff} onLoaded={labelled} />
    </ShortcutsScope.Provider>,
    node,
  );
}
