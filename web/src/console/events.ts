import { useEffect, useRef } from 'react';

/** What `GET /api/console/events` sends (the staff-auth contract of the console). */
export interface CaseEvent {
  caseId: string;
  number: number;
  queue: string;
  type: string;
}
export interface MentionEvent {
  mentionId: string;
  caseId: string;
  targetKind: 'office' | 'manager';
  targetId: string;
}

/** An SLA milestone a case has just breached (supervisors and admins only, issue 15 §1). */
export interface SlaEvent {
  noticeId: string;
  caseId: string;
  number: number;
  milestone: string;
  priority: string;
}

type Handlers = { onCase?: (e: CaseEvent) => void; onMention?: (e: MentionEvent) => void; onSla?: (e: SlaEvent) => void };

/** Every mounted listener of the page; one stream serves them all. */
const subscribers = new Set<{ current: Handlers }>();
let source: EventSource | null = null;

function dispatch<T>(pick: (h: Handlers) => ((e: T) => void) | undefined) {
  return (msg: MessageEvent<string>) => {
    let data: T;
    try {
      data = JSON.parse(msg.data) as T;
    } catch {
      return; // a malformed event is ignored: the next one, or a reload, brings the page up to date
    }
    for (const s of subscribers) pick(s.current)?.(data);
  };
}

function open(): void {
  if (typeof EventSource === 'undefined') return;
  // A stream the server refused (the session had ended) stays closed: a new sign-in opens another.
  if (source && source.readyState !== EventSource.CLOSED) return;
  source = new EventSource('/api/console/events', { withCredentials: true });
  source.addEventListener('case', dispatch<CaseEvent>((h) => h.onCase) as EventListener);
  source.addEventListener('mention', dispatch<MentionEvent>((h) => h.onMention) as EventListener);
  source.addEventListener('sla', dispatch<SlaEvent>((h) => h.onSla) as EventListener);
}

/**
 * Live updates of the signed-in staff member: a case of a queue they may see was created or
 * changed, or a mention reached their office. One EventSource per page, shared by every listener;
 * it reconnects by itself and resumes with `Last-Event-ID`, so nothing is missed across a dropped
 * connection.
 */
export function useConsoleEvents(handlers: Handlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const entry = ref;
    subscribers.add(entry);
    open();
    return () => {
      subscribers.delete(entry);
      if (subscribers.size === 0) {
        source?.close();
        source = null;
      }
    };
  }, []);
}
