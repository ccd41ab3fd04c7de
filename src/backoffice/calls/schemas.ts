import { Type } from 'typebox';
import { Nullable } from '../cases/views.ts';

/** A call of the console (`calls.ts` `CallView`), as the routes answer it. */
export const CallSchema = Type.Object({
  id: Type.String(),
  attemptNo: Type.Integer(),
  phone: Type.String(),
  phoneKind: Type.String(),
  status: Type.Union([Type.Literal('placing'), Type.Literal('calling_agent'), Type.Literal('ringing'), Type.Literal('in_progress'), Type.Literal('ended')], {
    description: 'placing → calling_agent (Twilio rings the agent’s phone) → ringing (the customer’s phone) → in_progress → ended',
  }),
  result: Nullable(Type.String({ description: 'How it ended: picked_up, no_answer, busy, failed (an attempt), or agent_unreachable, not_placed (no attempt)' })),
  durationSeconds: Nullable(Type.Integer()),
  startedAt: Type.String({ format: 'date-time' }),
  ringingAt: Nullable(Type.String({ format: 'date-time' })),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
  endedAt: Nullable(Type.String({ format: 'date-time' })),
});

