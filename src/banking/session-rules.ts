import type { WebConfig } from '../config/config.ts';

/**
 * When an online-banking session ends by itself: after `web.sessionIdleSeconds` without a request
 * (PSD2 RTS art. 4(3)(d): at most 5 minutes) or `web.sessionMaxSeconds` after login, whichever
 * comes first. Pure: the caller passes the Services clock's now.
 */
export type SessionLimits = Pick<WebConfig, 'sessionIdleSeconds' | 'sessionMaxSeconds'>;

export interface SessionTimes {
  created_at: Date;
  last_seen_at: Date;
  ended_at: Date | null;
}

export type SessionStatus = 'live' | 'ended' | 'idle_expired' | 'max_expired';

/** The instant the session expires if no request comes first. */
export function sessionExpiresAt(s: SessionTimes, limits: SessionLimits): Date {
  const idle = s.last_seen_at.getTime() + limits.sessionIdleSeconds * 1000;
  const max = s.created_at.getTime() + limits.sessionMaxSeconds * 1000;
  return new Date(Math.min(idle, max));
}

/** Whether a session may serve a request at `now`; a request exactly at the limit is too late. */
export function sessionStatus(s: SessionTimes, now: Date, limits: SessionLimits): SessionStatus {
  if (s.ended_at) return 'ended';
  const t = now.getTime();
  if (t >= s.created_at.getTime() + limits.sessionMaxSeconds * 1000) return 'max_expired';
  if (t >= s.last_seen_at.getTime() + limits.sessionIdleSeconds * 1000) return 'idle_expired';
  return 'live';
}
