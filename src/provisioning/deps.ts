import { keyedHashPinVerifier } from '../customers/pin-verifier.ts';
import type { Services } from '../platform/services.ts';
import type { ProvisioningDeps } from './apply-context.ts';

/** The import's dependencies wired from the platform services; `actor` names the caller in the audit log. */
export function provisioningDeps(services: Pick<Services, 'hasher' | 'clock' | 'sealer' | 'config'>, actor: string): ProvisioningDeps {
  return { hasher: services.hasher, pinVerifier: keyedHashPinVerifier(services.hasher), clock: services.clock, sealer: services.sealer, config: services.config, actor };
}
