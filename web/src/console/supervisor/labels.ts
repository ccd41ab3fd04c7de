import { catalogue } from '../../../../src/i18n/catalogue.ts';
import type { StaffMember } from '../api.ts';

type Translate = (id: string, params?: Record<string, string | number>) => string;

/** Whether the role may open the supervisor's view and its notices (the server decides; this keeps pages from asking in vain). */
export const seesSupervision = (staff: Pick<StaffMember, 'role'>): boolean => staff.role === 'supervisor' || staff.role === 'admin';

/** A priority of `backoffice.sla` in words: the catalogue's for high, normal and low; a bank's own name as configured. */
export function priorityName(t: Translate, priority: string): string {
  const id = `console.supervisor.priority.${priority}`;
  return id in catalogue ? t(id) : priority;
}
