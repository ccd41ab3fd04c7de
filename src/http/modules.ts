import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../platform/services.ts';
import { devMessageRoutes } from '../notify/routes.ts';
import { provisioningRoutes } from '../provisioning/routes.ts';
import { ivrRoutes } from '../ivr/routes.ts';
import { phoneSimulatorRoutes } from '../ivr/simulator-routes.ts';
import { bankingRoutes } from '../banking/routes.ts';
import { recoveryRoutes } from '../selfservice/routes.ts';
import { backofficeRoutes } from '../backoffice/routes.ts';
import { playbookRoutes } from '../backoffice/playbook-routes.ts';
import { directoryRoutes } from '../directory/routes.ts';
import { reportsRoutes } from '../backoffice/reports-routes.ts';
import { staffRoutes } from '../staff/routes.ts';
import { consoleRoutes } from '../console/routes.ts';
import { knowledgeRoutes } from '../knowledge/routes.ts';

export type RouteModule = FastifyPluginAsync<{ services: Services }>;

/**
 * Every domain's HTTP routes, registered in this order by the app. A module adds its
 * plugin here; the plugin receives the services and takes what it needs.
 */
export const routeModules: RouteModule[] = [devMessageRoutes, provisioningRoutes, ivrRoutes, phoneSimulatorRoutes, bankingRoutes, recoveryRoutes, staffRoutes, directoryRoutes, knowledgeRoutes, reportsRoutes, backofficeRoutes, playbookRoutes, consoleRoutes];
