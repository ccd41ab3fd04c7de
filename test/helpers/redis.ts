/**
 * The Redis the shared-store tests run against: `TEST_REDIS_URL`, else `REDIS_URL`. Without one
 * those tests are skipped, except in CI (CI=true), where a missing URL fails the run (`.ci/run`
 * starts Redis on 127.0.0.1:6379 and sets the URL), as for PostgreSQL in db.ts.
 */
export function testRedisUrl(): string | undefined {
  const url = process.env.TEST_REDIS_URL || process.env.REDIS_URL || undefined;
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but neither TEST_REDIS_URL nor REDIS_URL is set: the Redis rate-limit store tests are mandatory in CI');
  }
  return url;
}
