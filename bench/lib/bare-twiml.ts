import http from 'node:http';

/**
 * The floor of the `ivr-load` scenario, in a process of its own: bare `node:http` answering
 * every webhook with one constant `<Gather>` (a prompt and a keypad action, about the size of
 * the app's), after reading the request body as any webhook handler must. No signature check,
 * no database, no state: what one HTTP turn costs on this machine and nothing else.
 * Arguments: the port, and the public base URL the Gather's action names.
 */
const [port, publicBase] = process.argv.slice(2);
const twiml =
  '<?xml version="1.0" encoding="UTF-8"?><Response>' +
  `<Gather input="dtmf" action="${publicBase}/ivr/twilio/gather" method="POST" numDigits="8" finishOnKey="#" timeout="5" actionOnEmptyResult="false">` +
  '<Say language="es-ES" voice="Polly.Lucia">No hemos podido comprobar tus datos. Recuerda llamar desde el teléfono que tienes registrado en la entidad.</Say>' +
  '<Say language="es-ES" voice="Polly.Lucia">Marca 1 si tienes DNI, 2 si tienes NIE, 3 si tienes CIF o pasaporte.</Say>' +
  `</Gather><Redirect method="POST">${publicBase}/ivr/twilio/gather</Redirect></Response>`;
const body = Buffer.from(twiml);

http
  .createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': body.length });
      res.end(body);
    });
  })
  .listen(Number(port), '127.0.0.1');
