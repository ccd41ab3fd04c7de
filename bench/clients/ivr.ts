// The prompts' words, registered in the shared catalogue (the callers check the last one heard).
import '../../src/messages.ts';
import { childMain } from '../lib/drive.ts';
import { ivrClients } from '../lib/ivr-client.ts';

/** The IVR's callers in a process of their own (bench/ivr.ts, bench/lib/drive.ts). */
childMain(ivrClients);
