import { childMain } from '../lib/drive.ts';
import { peerClients } from '../lib/peer-client.ts';

/** The peer's clients in a process of their own (bench/peer/, bench/lib/drive.ts). */
childMain(peerClients);
