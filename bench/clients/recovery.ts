import { childMain } from '../lib/drive.ts';
import { recoveryClients } from '../lib/recovery-client.ts';

/** The web recovery's browsers in a process of their own (bench/recovery.ts, bench/lib/drive.ts). */
childMain(recoveryClients);
