import type { Config } from '../config/config.ts';
import type { PinDeps } from '../customers/cards-store.ts';
import type { HashingDeps } from '../customers/store-support.ts';
import type { EnqueueDeps } from '../notify/outbox.ts';
import type { Db } from '../platform/db/database.ts';
import type { CaptchaDeps } from './captcha.ts';

/** What the recovery needs from the services: narrow slices, all satisfied by `Services` + a PIN verifier. */
export type RecoveryDeps = PinDeps &
  HashingDeps &
  EnqueueDeps &
  CaptchaDeps & {
    db: Db;
    config: Pick<Config, 'limits' | 'web'>;
  };
