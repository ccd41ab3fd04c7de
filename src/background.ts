import type { FastifyBaseLogger } from 'fastify';
import type { Services } from './platform/services.ts';
import { startNotificationWorker } from './notify/worker.ts';
import { loadDemoDataOnFirstStart } from './demo/background.ts';
import { startSealedCodeSweep } from './customers/sweep.ts';
import { startAuditCheckpoints } from './audit/checkpoint-task.ts';
import { startAuditSealer } from './audit/sealer.ts';
import { startSlaWatch } from './backoffice/supervisor/sla-task.ts';

export interface BackgroundWork {
  stop(): Promise<void>;
}

/** A task started with the server: demo data on first start, workers. */
export type BackgroundTask = (services: Services, log: FastifyBaseLogger) => Promise<BackgroundWork | void>;

/**
 * What runs beside the HTTP server. Modules add their task here (the notification worker,
 * the demo-data loader in dev mode ...). Tasks start in order and stop in reverse order: the
 * audit sealer seals what is left before the checkpoint task takes its last checkpoint.
 */
export const backgroundTasks: BackgroundTask[] = [loadDemoDataOnFirstStart, startNotificationWorker, startSealedCodeSweep, startAuditCheckpoints, startAuditSealer, startSlaWatch];

export async function startBackgroundWork(services: Services, log: FastifyBaseLogger): Promise<BackgroundWork> {
  const started: BackgroundWork[] = [];
  for (const task of backgroundTasks) {
    const work = await task(services, log);
    if (work) started.push(work);
  }
  return {
    async stop() {
      for (const work of started.reverse()) await work.stop();
    },
  };
}
