import '../messages.ts';
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../platform/services.ts';
import { devMessageRoutes } from '../notify/routes.ts';
import { provisioningRoutes } from '../provisioning/routes.ts';
import { ivrRoutes } from '../ivr/routes.ts';
import { phoneSimulatorRoutes } from '../ivr/simulator-routes.ts';
import { bankingRoutes } from '../banking/routes.ts';
import { recoveryRoutes } from '../selfservice/routes.ts';
import { alertsRoutes } from '../backoffice/alerts/routes.ts';
import { casesRoutes } from '../backoffice/cases/routes.ts';
import { caseTakeRoutes } from '../backoffice/cases/take-routes.ts';
import { fraudRoutes } from '../backoffice/fraud/routes.ts';
import { contactRoutes } from '../backoffice/contact/routes.ts';
import { playbookRoutes } from '../backoffice/playbook/routes.ts';
import { directoryRoutes } from '../directory/routes.ts';
import { reportsRoutes } from '../backoffice/reports/routes.ts';
import { staffRoutes } from '../staff/routes.ts';
import { staffOidcRoutes } from '../staff/oidc-routes.ts';
import { consoleRoutes } from '../console/routes.ts';
import { knowledgeRoutes } from '../knowledge/routes.ts';
import { unlockRoutes } from '../backoffice/unlock/routes.ts';
import { customerPageRoutes } from '../console/customer-routes.ts';
import { handoverRoutes } from '../backoffice/handovers/routes.ts';
import { brandRoutes } from '../brand/routes.ts';
import { supervisorRoutes } from '../backoffice/supervisor/routes.ts';
import { callRoutes } from '../backoffice/calls/routes.ts';
import { devCallPhoneRoutes } from '../backoffice/calls/dev-phone-routes.ts';

export type RouteModule = FastifyPluginAsync<{ services: Services }>;

/**
 * Every domain's HTTP routes, registered in this order by the app. A module adds its
 * plugin to one of the two lists; the plugin receives the services and takes what it needs.
 *
 * `routeModules` never read a cookie: telephony webhooks (signed), provisioning (admin
 * bearer), alert ingestion (a source's key or HMAC), the brand and the dev-mode tools. They
 * run without the cookie parser and the CSRF plugin, which a request to them would only pay for.
 */
export const routeModules: RouteModule[] = [devMessageRoutes, provisioningRoutes, ivrRoutes, phoneSimulatorRoutes, alertsRoutes, devCallPhoneRoutes, brandRoutes];

/**
 * `cookieRouteModules` read a cookie (an online-banking or staff session, a recovery flow):
 * they are registered in one scope with `@fastify/cookie` and the CSRF plugin (`csrf.ts`, which
 * also serves `GET /api/csrf`). A module that reads `req.cookies` belongs here; outside this
 * scope `req.cookies` is undefined, and its state-changing routes would have no CSRF check
 * (test/security/forgery.test.ts refuses both).
 */
export const cookieRouteModules: RouteModule[] = [bankingRoutes, recoveryRoutes, staffRoutes, staffOidcRoutes, directoryRoutes, knowledgeRoutes, reportsRoutes, casesRoutes, caseTakeRoutes, fraudRoutes, contactRoutes, callRoutes, playbookRoutes, consoleRoutes, unlockRoutes, customerPageRoutes, handoverRoutes, supervisorRoutes];
