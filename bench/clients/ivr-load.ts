// The prompts' words, registered in the shared catalogue (the callers check what they hear).
import '../../src/messages.ts';
import { childMain } from '../lib/drive.ts';
import { ivrLoadClients } from '../lib/ivr-load-client.ts';

/** The callers of the `ivr-load` scenario in a process of their own (bench/ivr-load.ts, bench/lib/drive.ts). */
childMain(ivrLoadClients);
