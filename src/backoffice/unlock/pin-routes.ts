import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { liftCardPin } from '../../customers/pin-lift.ts';
import { inTransaction } from '../../customers/store-support.ts';
import type { RouteModule } from '../../http/modules.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Services } from '../../platform/services.ts';
import { requireStaff, staffActor, type Staff } from '../access.ts';
import { appendCaseEvent } from '../cases/store.ts';
import { refusals, staffDoc } from '../cases/views.ts';
import type { BackofficeTables, Case } from '../schema.ts';
import { unlockError } from './errors.ts';
import { namedCase, visibleCustomer } from './scope.ts';

/**
 * The console's way back from a blocked card PIN (DESIGN.md §3): a branch user on its own
 * office's customer, or the contact centre once the customer passed the security questions on
 * one of their cases, recently (`backoffice.pinUnlock.securityCheckMinutes`). Never the IVR or
 * the web, which ask for that very PIN.
 */
async function contactCentreMayLift(tx: Tx, services: Services, caseRow: Case | null): Promise<void> {
  if (!caseRow) throw unlockError('case_required', 'name the case with the passed security questions');
  const since = new Date(services.clock.now().getTime() - services.config.backoffice.pinUnlock.securityCheckMinutes * 60_000);
  const passed = await tx
    .withTables<BackofficeTables>()
    .selectFrom('security_checks')
    .select('id')
    .where('case_id', '=', caseRow.id)
    .where('passed', '=', true)
    .where('answered_at', '>=', since)
    .executeTakeFirst();
  if (!passed) throw unlockError('security_check_required', 'no recent passed security check on this case');
}

function refusalOf(why: 'no_card' | 'not_blocked' | 'not_allowed'): Error {
  if (why === 'no_card') return unlockError('card_not_found', 'no such card of this customer');
  if (why === 'not_blocked') return unlockError('pin_not_blocked', 'the PIN works');
  // Only a block of an origin these channels may not lift: none is ever set on a card PIN.
  return new Error('the lift policy kept a card PIN block this channel should lift');
}

const channelOf = (staff: Staff) => (staff.role === 'branch' ? { channel: 'office' as const, reason: 'branch' } : { channel: 'contact_centre' as const, reason: 'security_check' });

export function pinRoutes(plain: Parameters<RouteModule>[0], services: Services): void {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/customers/:id/cards/:cardId/unblock-pin',
    {
      schema: {
        ...staffDoc,
        summary: 'Lift a blocked card PIN: a branch user on its own customer, or an agent once the customer passed the security questions',
        description:
          'A branch user lifts it for a customer of its office (`caseId` optional). The contact centre names the case (`caseId`, 400 `case_required`) on which the customer passed the security questions within ' +
          '`backoffice.pinUnlock.securityCheckMinutes` (403 `security_check_required` otherwise). The lift is audited, on the case timeline when a case is named, and the customer is told by SMS. 409 `pin_not_blocked` for a PIN that works.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), cardId: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ caseId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ last4: Type.String(), channel: Type.String() }), ...refusals },
      },
    },
    async (req) => {
      const staff = await requireStaff(req, services);
      const actor = staffActor(staff);
      const customer = await visibleCustomer(services.db, staff, req.params.id);
      const { channel, reason } = channelOf(staff);
      return inTransaction(services.db, async (tx) => {
        const caseRow = req.body.caseId ? await namedCase(tx, staff, req.body.caseId, customer.id) : null;
        if (channel === 'contact_centre') await contactCentreMayLift(tx, services, caseRow);
        const result = await liftCardPin(tx, services, { customerId: customer.id, cardId: req.params.cardId, channel, by: actor, reason });
        if (!result.lifted) throw refusalOf(result.why);
        if (caseRow) await appendCaseEvent(tx, services, caseRow.id, actor, 'card_pin_unblocked', { cardId: req.params.cardId, last4: result.last4, channel });
        return { last4: result.last4, channel };
      });
    },
  );
}
