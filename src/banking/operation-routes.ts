import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../platform/services.ts';
import { AccountsReply, CodeBody, DeviceBody, DeviceId, DeviceReply, DevicesReply, doc, OperationReply, OperationsReply, Reference, TransferBody } from './api-schemas.ts';
import { customerAccounts } from './accounts.ts';
import { confirmDeviceLink, listDevices, requestDeviceLink } from './devices.ts';
import { cancelOperation, ownOperation, resendSigningCode, signOperation, unlockOperation } from './operation-actions.ts';
import { operationView } from './operation-view.ts';
import { caller, sessionToken } from './session-routes.ts';
import { createTransfer } from './transfers.ts';

/** Accounts, operations (list, sign, resend, cancel, unlock), transfers and devices. */
export function operationRoutes(plain: FastifyInstance, services: Services): void {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const csrf = { onRequest: app.csrfProtection };
  const during = { duringPasswordChange: true };

  app.get('/api/banking/accounts', { schema: { ...doc, summary: 'The customer’s accounts with their balances, as the core system reports them', response: { 200: AccountsReply } } }, async (req) => {
    const who = await caller(services, req);
    return { accounts: await customerAccounts(services.db, who.customer.id) };
  });

  app.get('/api/banking/operations', { schema: { ...doc, summary: 'The customer’s operations, newest first', response: { 200: OperationsReply } } }, async (req) => {
    const who = await caller(services, req, during);
    let query = services.db.selectFrom('operations').selectAll().where('customer_id', '=', who.customer.id).orderBy('created_at', 'desc').orderBy('reference', 'desc').limit(100);
    if (who.session.state === 'must_change_password') query = query.where('kind', '=', 'password_change');
    return { operations: (await query.execute()).map((op) => operationView(op, who.customer.mobile)) };
  });

  app.get('/api/banking/operations/:reference', { schema: { ...doc, summary: 'One operation by its reference', params: Reference, response: { 200: OperationReply } } }, async (req) => {
    const who = await caller(services, req, during);
    return { operation: operationView(await ownOperation(services.db, who, req.params.reference), who.customer.mobile) };
  });

  const withCode = { ...csrf, schema: { ...doc, params: Reference, body: CodeBody, response: { 200: OperationReply } } };
  app.post('/api/banking/operations/:reference/sign', { ...withCode, schema: { ...withCode.schema, summary: 'Sign with the SMS code (or the one IVR branch 3.2 read out)' } }, async (req) => {
    const who = await caller(services, req, during);
    return { operation: operationView(await signOperation(services.db, services, who, req.params.reference, req.body.code), who.customer.mobile) };
  });
  app.post('/api/banking/operations/:reference/unlock', { ...withCode, schema: { ...withCode.schema, summary: 'Release a held operation with the unlock code of IVR branch 2' } }, async (req) => {
    const who = await caller(services, req);
    return { operation: operationView(await unlockOperation(services.db, services, who, req.params.reference, req.body.code), who.customer.mobile) };
  });

  const plainAction = { ...csrf, schema: { ...doc, params: Reference, response: { 200: OperationReply } } };
  app.post('/api/banking/operations/:reference/resend', { ...plainAction, schema: { ...plainAction.schema, summary: 'Send the signing code again (rate limited)' } }, async (req) => {
    const who = await caller(services, req, during);
    return { operation: operationView(await resendSigningCode(services.db, services, who, req.params.reference), who.customer.mobile) };
  });
  app.post('/api/banking/operations/:reference/cancel', { ...plainAction, schema: { ...plainAction.schema, summary: 'Cancel a pending or held operation' } }, async (req) => {
    const who = await caller(services, req, during);
    return { operation: operationView(await cancelOperation(services.db, services, who, req.params.reference), who.customer.mobile) };
  });

  app.post('/api/banking/transfers', { ...csrf, schema: { ...doc, summary: 'A transfer: held by a fraud rule, or waiting for its signing code', body: TransferBody, response: { 201: OperationReply } } }, async (req, reply) => {
    const who = await caller(services, req);
    const op = await createTransfer(services.db, services, who, req.body);
    return reply.code(201).send({ operation: operationView(op, who.customer.mobile) });
  });

  app.get('/api/banking/devices', { schema: { ...doc, summary: 'Mobile-signature devices', response: { 200: DevicesReply } } }, async (req) => {
    const who = await caller(services, req);
    return { devices: await listDevices(services.db, services, who.customer.id) };
  });
  // Device links are throttled by address and by session (issue 14, finding 8); failed codes also count per customer (finding 9).
  const linkGuard = { preHandler: app.credentialGuard('deviceLink', { identity: sessionToken }) };
  app.post('/api/banking/devices', { ...csrf, ...linkGuard, schema: { ...doc, summary: 'Ask to link a device: a code goes by SMS', body: DeviceBody, response: { 201: DeviceReply } } }, async (req, reply) => {
    const who = await caller(services, req);
    return reply.code(201).send({ device: await requestDeviceLink(services.db, services, who, req.body) });
  });
  app.post('/api/banking/devices/:id/confirm', { ...csrf, ...linkGuard, schema: { ...doc, summary: 'Confirm a device link with its code', params: DeviceId, body: CodeBody, response: { 200: DeviceReply } } }, async (req) => {
    const who = await caller(services, req);
    return { device: await confirmDeviceLink(services.db, services, who, req.params.id, req.body.code) };
  });
}
