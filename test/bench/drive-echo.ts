import { childMain, type Build } from '../../bench/lib/drive.ts';

/** Clients for the driver's test: they answer where they ran, ask the server side, or fail. */
export const echoClients: Build<{ factor: number }, ReturnType<typeof phasesOf>> = (setup, ask) => ({ phases: phasesOf(setup.factor, ask), close: () => undefined });

function phasesOf(factor: number, ask: (what: string, arg?: unknown) => Promise<unknown>) {
  return {
    times: async (job: { n: number }) => ({ n: job.n * factor, pid: process.pid }),
    asking: async (job: { q: string }) => ({ answer: await ask('echo', job.q) }),
    failing: async (_job: null): Promise<null> => {
      throw new Error('the phase failed on purpose');
    },
  };
}

// Run as a script (by the driver's fork), it serves the phases.
if (process.argv[1]?.endsWith('drive-echo.ts') && process.send) childMain(echoClients);
