import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireStaff } from '../backoffice/access.ts';
import { STAFF_SECURITY } from '../backoffice/cases/views.ts';
import { requestLocale } from '../http/errors.ts';
import type { RouteModule } from '../http/modules.ts';
import { DIRECTORY } from './directory.ts';
import { wallClock } from './hours.ts';
import { searchDirectory } from './search.ts';
import { entryView } from './view.ts';

const ErrorBody = Type.Object({ error: Type.String(), reason: Type.Optional(Type.String()), message: Type.String(), detail: Type.Optional(Type.String()) });
const Weekday = Type.Union([
  Type.Literal('mon'), Type.Literal('tue'), Type.Literal('wed'), Type.Literal('thu'), Type.Literal('fri'), Type.Literal('sat'), Type.Literal('sun'),
]);
const Hours = Type.Object(
  {
    kind: Type.Union([Type.Literal('always'), Type.Literal('weekly'), Type.Literal('unstated')]),
    slots: Type.Optional(Type.Array(Type.Object({ days: Type.Array(Weekday), from: Type.String(), to: Type.String({ description: 'Not after `from`: the slot ends the next day' }) }))),
  },
  { description: 'Wall-clock hours in the bank time zone (Europe/Madrid)' },
);
const Entry = Type.Object({
  id: Type.String(),
  group: Type.String(),
  groupName: Type.String(),
  name: Type.String(),
  internal: Type.Boolean({ description: 'One of "TELÉFONOS INTERNOS": for staff, never given to a customer' }),
  numbers: Type.Array(Type.Object({ display: Type.String(), e164: Type.String(), free: Type.Boolean({ description: 'Freephone (900)' }) })),
  channel: Type.Union([Type.Literal('phone'), Type.Literal('whatsapp')]),
  hours: Hours,
  hoursText: Type.String(),
  openNow: Type.Union([Type.Boolean(), Type.Null()], { description: 'Null when the seed states no hours' }),
  links: Type.Array(Type.Object({ kind: Type.Union([Type.Literal('url'), Type.Literal('email')]), value: Type.String() })),
  note: Type.Union([Type.String(), Type.Null()]),
  seed: Type.Union([Type.String(), Type.Null()], { description: "The seed's line, verbatim (Spanish); null for a line the bank adds that the leaflet does not list" }),
  agentLine: Type.Boolean({ description: 'Answered by people of the contact centre, never by the IVR: where the IVR transfers callers' }),
});
const Query = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Name, group or number; accents, case and spaces in numbers do not matter' })),
  openNow: Type.Optional(Type.Boolean({ description: 'true: only the numbers open now (not those without stated hours)' })),
  lang: Type.Optional(Type.Union([Type.Literal('es'), Type.Literal('en')])),
});

/** The contact numbers of seed 002 for the agent console: any staff member may read them. */
export const directoryRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const timeZone = services.config.timeZone;
  wallClock(new Date(0), timeZone); // an unknown zone fails at boot, not on the first request

  app.get(
    '/api/directory',
    {
      schema: {
        tags: ['backoffice'],
        summary: 'The contact directory of seed 002, searchable, with "open now"',
        description:
          'Every number of the leaflet in its order, with its group, hours and whether it is open at this moment in the bank time zone. ' +
          'For staff (any role): the console session, or the back-office identity headers.',
        security: STAFF_SECURITY,
        querystring: Query,
        response: { 200: Type.Object({ at: Type.String({ format: 'date-time' }), timeZone: Type.String(), entries: Type.Array(Entry) }), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (req) => {
      await requireStaff(req, services);
      const now = services.clock.now();
      const locale = requestLocale(req);
      const entries = searchDirectory(DIRECTORY, req.query.q ?? '')
        .map((entry) => entryView(entry, now, locale, timeZone))
        .filter((view) => !req.query.openNow || view.openNow === true);
      return { at: now.toISOString(), timeZone, entries };
    },
  );
};
