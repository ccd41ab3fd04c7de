import { normalizePhone } from '../customers/phone.ts';
import { demoData } from '../demo/demo-data.ts';
import type { FlowDefinition } from './flow-types.ts';

/** What the web phone offers to dial, and who it can call from. */
export interface PhoneDirectory {
  lines: { key: string; number: string; description: string }[];
  callers: { name: string; phone: string; kind: 'mobile' | 'landline' }[];
}

/**
 * The flow's lines (one entry per number) and the demo customers' phones in E.164, so the page
 * never keeps its own copy of either: a line added to the flow or a demo customer shows up.
 */
export function phoneDirectory(flow: FlowDefinition, now: Date): PhoneDirectory {
  const lines = Object.entries(flow.lines).flatMap(([key, line]) => line.numbers.map((number) => ({ key, number, description: line.description })));
  const callers = demoData(now).customers.flatMap((c) =>
    (['mobile', 'landline'] as const).flatMap((kind) => {
      const raw = c[kind];
      const phone = raw ? normalizePhone(raw) : undefined;
      return phone?.ok ? [{ name: c.name, phone: phone.e164, kind }] : [];
    }),
  );
  return { lines, callers };
}
