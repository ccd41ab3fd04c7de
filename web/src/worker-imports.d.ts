/**
 * Vite's `?worker` import (https://vite.dev/guide/features#web-workers): the constructor of the
 * module's worker, which Vite bundles as a file of its own. Declared here because the project
 * does not load `vite/client`'s types.
 */
declare module '*?worker' {
  const WorkerConstructor: new (options?: { name?: string }) => Worker;
  export default WorkerConstructor;
}
