import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * `/metrics` under `serve --workers N` (src/cluster.ts). A scrape reaches one worker; that worker
 * asks the primary, which asks every worker for its registry (prom-client's `AggregatorRegistry`)
 * and answers with their sum. Each metric is merged by its own aggregator: counters, histograms
 * and memory add up, the event-loop lag is averaged, the version and start time taken once.
 */

const ASK = 'cerrojo:metrics-ask';
const ANSWER = 'cerrojo:metrics-answer';

interface Ask {
  type: typeof ASK;
  id: number;
}
interface Answer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

/** In the primary: answers the workers' asks with every worker's metrics, summed. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: Partial<Ask>) => {
    if (message?.type !== ASK || typeof message.id !== 'number') return;
    const id = message.id;
    const reply = (answer: Omit<Answer, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: ANSWER, id, ...answer } satisfies Answer);
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (err: Error) => reply({ error: err.message }),
    );
  });
}

let asks = 0;

/**
 * In a worker: collects `registry` when the primary asks, and returns what a scrape answers (the
 * whole cluster's metrics, from the primary).
 */
export function clusterMetricsOf(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  // The constructor starts answering the primary's asks for this worker's metrics.
  new AggregatorRegistry();
  return () =>
    new Promise((resolve, reject) => {
      const id = ++asks;
      const timer = setTimeout(() => done({ type: ANSWER, id, error: 'the primary did not answer within 10 s' }), 10_000);
      const done = (answer: Answer) => {
        if (answer?.type !== ANSWER || answer.id !== id) return;
        clearTimeout(timer);
        process.off('message', done);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(`cluster metrics: ${answer.error}`));
      };
      process.on('message', done);
      process.send!({ type: ASK, id } satisfies Ask);
    });
}
