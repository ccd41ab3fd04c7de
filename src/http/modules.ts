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
 * plugin here; the plugin receives the services and takes what it needs.
 */
export const routeModules: RouteModule[] = [devMessageRoutes, provisioningRoutes, ivrRoutes, phoneSimulatorRoutes, bankingRoutes, recoveryRoutes, staffRoutes, staffOidcRoutes, directoryRoutes, knowledgeRoutes, reportsRoutes, alertsRoutes, casesRoutes, caseTakeRoutes, fraudRoutes, contactRoutes, callRoutes, devCallPhoneRoutes, playbookRoutes, consoleRoutes, unlockRoutes, customerPageRoutes, handoverRoutes, brandRoutes, supervisorRoutes];
