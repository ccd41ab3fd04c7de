import { readFile } from 'node:fs/promises';
import { Type } from '@fastify/type-provider-typebox';
import type { RouteModule } from '../http/modules.ts';
import { brandCss, LOGO_TYPES, logoSource, siteInfo } from './brand.ts';

/** The brand changes only with the configuration (a restart): browsers and proxies may keep it a while. */
const CACHE = 'public, max-age=300';

const LocalText = Type.Object({ es: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });
const SiteInfoSchema = Type.Object({
  dev: Type.Boolean({ description: 'dev mode: the demo menu and the dev faces exist' }),
  brand: Type.Object({
    name: Type.String(),
    logoUrl: Type.Union([Type.String(), Type.Null()], { description: 'null: the name is shown in text' }),
    helpPhone: Type.Object({ e164: Type.String(), display: Type.String() }),
    legal: LocalText,
    security: LocalText,
  }),
});

/**
 * The site as the web app needs it before drawing a page (issue 15 §4): whether this is dev mode
 * and the bank's brand, the stylesheet of the brand's colours (so no inline style is ever needed
 * under the Content-Security-Policy) and the logo file when one is configured.
 */
export const brandRoutes: RouteModule = async (app, { services }) => {
  const { config } = services;
  const info = siteInfo(config);
  const css = brandCss(config.brand.colors);

  app.get(
    '/api/site',
    { schema: { tags: ['site'], summary: "Dev mode and the bank's brand, for the web app", response: { 200: SiteInfoSchema } } },
    async (_req, reply) => reply.header('cache-control', CACHE).send(info),
  );

  app.get('/brand.css', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', CACHE).send(css),
  );

  const logo = logoSource(config.brand);
  if (logo.kind === 'file') {
    const type = LOGO_TYPES[logo.ext] ?? 'application/octet-stream';
    app.get(`/brand/logo${logo.ext}`, { schema: { hide: true } }, async (_req, reply) =>
      // Read on each request: an operator may replace the file without a restart.
      reply.type(type).header('cache-control', CACHE).send(await readFile(logo.path)),
    );
  }
};
