import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/** One request the stand-in received. */
export interface TwilioRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  form: Record<string, string>;
}

export interface TwilioStandIn {
  url: string;
  requests: TwilioRequest[];
  close(): Promise<void>;
}

/**
 * A local stand-in for Twilio's REST API that the real `twilio` SDK is pointed at
 * (`notify.twilioApiBaseUrl`): it records each request with its form body and answers what
 * `respond` says, as JSON, the way Twilio answers.
 */
export async function startTwilioStandIn(respond: (req: TwilioRequest, count: number) => { status: number; body: unknown }): Promise<TwilioStandIn> {
  const requests: TwilioRequest[] = [];
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer(async (req, res) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const request = { method: req.method!, path: req.url!, authorization: req.headers.authorization, form };
    requests.push(request);
    const { status, body } = respond(request, requests.length);
    // No keep-alive: a socket idle while a database is set up would be closed by the server and
    // reused by the client (ECONNRESET), which tests the stand-in, not the code.
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The `X-Twilio-Signature` Twilio puts on a callback to `url` with this form, signed with `token`. */
export const twilioSignature = (token: string, url: string, form: Record<string, string>): string => twilio.getExpectedTwilioSignature(token, url, form);
