import type { Text } from '../i18n/catalogue.ts';
import type { Outcome } from '../backoffice/schema.ts';
import type { WebPath } from '../http/web-paths.ts';

/**
 * The agents' knowledge articles: the procedures of seed 002 as data, read beside the seed. Each
 * article quotes the seed's own words it rests on (`seed`, verbatim) and says in Spanish and
 * English what the agent does in the console. The steps of an outcome's article are not written
 * here: they are the playbook's own (`src/backoffice/playbook/playbook.ts`), so the article and what the
 * console runs cannot drift apart (`view.ts` adds them).
 */

export type ArticleId =
  | 'contact'
  | 'security-questions'
  | 'outcome-confirmed'
  | 'outcome-not-confirmed'
  | 'outcome-failed-security'
  | 'outcome-no-answer'
  | 'outcome-doubt'
  | 'blocks'
  | 'main-case-and-macros'
  | 'managing-office'
  | 'closing-and-categories'
  | 'fraud-protocol'
  | 'directory'
  | 'wefferent-holders';

export type Topic = 'contact' | 'outcome' | 'procedure' | 'directory';

export interface ArticleSection {
  heading?: Text;
  paragraphs?: readonly Text[];
  /** A bulleted list. */
  list?: readonly Text[];
}

export interface Article {
  id: ArticleId;
  topic: Topic;
  title: Text;
  summary: Text;
  sections: readonly ArticleSection[];
  /** Seed 002's own words the article rests on, verbatim (Spanish). */
  seed: readonly string[];
  /** An outcome's article: its steps are the playbook's (`view.ts`). */
  outcome?: Outcome;
  /** The console page the article is about. */
  page?: Extract<WebPath, `/console/${string}`>;
  related: readonly ArticleId[];
}

const ANY_DOUBT = 'EN CUALQUIER CASO, Y ANTE CUALQUIER DUDA, ESTABLECEREMOS BLOQUEO CAE Y BLOQUEO DE FIRMA.';
const THREE_ATTEMPTS =
  'En cada una de las alertas que se generen, debemos contactar con el cliente para confirmar la operación (3 intentos por alerta). Si el cliente tiene teléfono fijo en MP siempre intentaremos contactar primero en ese teléfono, si el cliente no tiene teléfono fijo contactaremos en el teléfono móvil que tenga.';
const MAIN_CASE = 'Creamos un caso nuevo el cual será el caso principal y cerramos el caso generado por la alerta vinculándolo al caso que hemos creado (queda como caso principal el caso que hemos creado).';
const SEND_IT =
  'La macro no envía el correo, debemos enviarlo nosotros. Antes de enviarlo, pondremos en copia a la oficina del cliente (en caso de ser una oficina virtual pondremos en copia la dirección oficina8732@grupocajamar.com)';
const FRAUD_PROTOCOL = 'Para activar el protocolo de fraudes seguiremos las instrucciones que podemos leer en la pregunta: ¿Cómo activar el protocolo de fraudes online?';

export const ARTICLES: readonly Article[] = [
  {
    id: 'contact',
    topic: 'contact',
    title: { es: 'Contacto con el cliente y confirmación de la operación', en: 'Calling the customer and confirming the operation' },
    summary: {
      es: 'Por qué llamamos, cuántos intentos, a qué teléfono primero, quién puede confirmar y qué hacer con las alertas repetidas.',
      en: 'Why we call, how many attempts, which phone first, who may confirm and what to do with repeated alerts.',
    },
    sections: [
      {
        heading: { es: 'Por qué llamamos', en: 'Why we call' },
        paragraphs: [
          {
            es: 'Explique al cliente que le llamamos porque hemos detectado operaciones sospechosas desde su Banca Electrónica y que necesitamos hacerle unas preguntas de seguridad para confirmar con él que no se trata de un intento de fraude. El guion de la llamada del caso empieza con estas palabras, en el idioma del cliente.',
            en: 'Tell the customer we are calling because we detected suspicious operations from their online banking and need to ask some security questions to confirm with them that it is not an attempted fraud. The case’s call script opens with these words, in the customer’s language.',
          },
        ],
      },
      {
        heading: { es: 'Intentos de contacto', en: 'Contact attempts' },
        list: [
          { es: 'Tres intentos por alerta como máximo; la consola no admite un cuarto.', en: 'At most three attempts per alert; the console does not take a fourth.' },
          {
            es: 'Si el cliente tiene teléfono fijo, el primer intento es siempre al fijo; si no, al móvil. La consola muestra los teléfonos en ese orden y propone el número de cada intento.',
            en: 'If the customer has a landline, the first attempt always goes to it; otherwise to the mobile. The console lists the phones in that order and suggests the number of each attempt.',
          },
          { es: 'Hay que intentar contactar siempre y a cualquier hora.', en: 'Always try to reach the customer, at any hour.' },
          {
            es: 'Anote cada intento con su resultado: contesta el titular, no contesta, comunica, buzón de voz, número erróneo o contesta otra persona.',
            en: 'Record each attempt with its result: the holder answered, no answer, busy, voicemail, wrong number or someone else answered.',
          },
        ],
      },
      {
        heading: { es: 'Alertas repetidas', en: 'Repeated alerts' },
        paragraphs: [
          {
            es: 'Varias alertas del mismo cliente por intentos de la misma situación en poco tiempo se gestionan en un solo caso: la consola ya las reúne. Si las alertas son por operaciones distintas, cada una es su propio caso y hay que confirmar cada una.',
            en: 'Several alerts of the same customer for attempts at the same situation in a short time are handled as one case: the console already groups them. Alerts for different operations are each their own case, and each must be confirmed.',
          },
        ],
      },
      {
        heading: { es: 'Quién puede confirmar', en: 'Who may confirm' },
        paragraphs: [
          {
            es: 'Solo vale la confirmación del titular de la Banca Electrónica. Si contesta otra persona, anote el intento como «contesta otra persona».',
            en: 'Only the online banking holder may confirm. If someone else answers, record the attempt as "someone else answered".',
          },
          {
            es: 'Si la operación es de la Banca Electrónica de una empresa (persona jurídica), hable con la persona física que figura como representante (el panel del cliente los muestra). Pregunte el nombre de la persona que en ese momento representa a la empresa y hágale las preguntas de seguridad.',
            en: 'If the operation is on a company’s online banking (a legal entity), speak with the natural person listed as its representative (the customer panel lists them). Ask the name of the person who represents the company at this moment and ask them the security questions.',
          },
        ],
      },
      {
        heading: { es: 'Ante cualquier duda', en: 'If in any doubt' },
        paragraphs: [
          {
            es: 'En cualquier caso, y ante cualquier duda, establezca BLOQUEO CAE y BLOQUEO DE FIRMA: es el resultado «Ante cualquier duda», disponible siempre.',
            en: 'In any case, and if in any doubt, set the CAE block and the signature block: that is the outcome "Any doubt", always available.',
          },
        ],
      },
    ],
    seed: [
      'Cuando contactemos con el cliente debemos explicarle que llamamos porque hemos detectado operaciones sospechosas desde su banca electrónica y necesitamos realizar unas preguntas de seguridad para confirmar con el que no se trata de algún intento de fraude.',
      THREE_ATTEMPTS,
      'Debemos tener en cuenta que, si se generan varios casos del mismo cliente en un breve periodo de tiempo por diferentes intentos de la misma situación, solo gestionaremos un caso. Sin embargo, si las alertas se generan en un breve periodo de tiempo por distintas operaciones, si debemos contactar para confirmar cada una de ellas.',
      'HAY QUE INTENTAR CONTACTAR CON EL CLIENTE SIEMPRE Y EN CUALQUIER HORARIO.',
      'Solo debemos dar por válida la confirmación si responde el titular de la Banca Electrónica.',
      'En el caso que la alerta se produzca por una operación en la Banca Electrónica de una persona jurídica, buscaremos que persona física aparece como representante en CANAL o incluso el titular al que pertenece el teléfono en Servicecloud y habrá que actuar de forma similar. Le preguntaremos el nombre de la persona que en ese momento representa a la empresa y le haremos las preguntas de seguridad establecidas.',
      ANY_DOUBT,
    ],
    related: ['security-questions', 'outcome-confirmed', 'outcome-not-confirmed', 'outcome-failed-security', 'outcome-no-answer', 'outcome-doubt'],
  },
  {
    id: 'security-questions',
    topic: 'contact',
    title: { es: 'Preguntas de seguridad', en: 'Security questions' },
    summary: {
      es: 'Cómo se verifica la identidad de quien contesta: preguntas sobre sus datos, respuesta correcta o incorrecta, nunca la respuesta esperada.',
      en: 'How the identity of the person who answers is verified: questions on their data, passed or failed, never the expected answer.',
    },
    sections: [
      {
        paragraphs: [
          {
            es: 'Cuando el titular (o el representante de la empresa) contesta, la consola elige al azar tres preguntas sobre sus datos: las últimas cifras de una tarjeta, del móvil, del fijo o del documento, el correo electrónico o el usuario de Banca Electrónica. Nunca pregunta la contraseña, ni las cifras del número al que usted ha llamado.',
            en: 'When the holder (or the company’s representative) answers, the console picks three questions at random about their data: the last digits of a card, the mobile, the landline or the document, the email address or the online banking user. It never asks for the password, nor the digits of the number you dialled.',
          },
          {
            es: 'Escriba lo que dice el cliente. La consola solo dice si las respuestas son correctas o no, nunca cuál era la esperada ni cuál ha fallado.',
            en: 'Type what the customer says. The console only says whether the answers are right or not, never what was expected nor which one was wrong.',
          },
        ],
      },
      {
        heading: { es: 'Si falla', en: 'If they fail' },
        paragraphs: [
          {
            es: 'Un fallo termina las preguntas del caso: no se vuelven a sacar preguntas hasta acertar. Siga con «No responde correctamente a las preguntas de seguridad» o, si lo duda, «Ante cualquier duda».',
            en: 'One failure ends the questions on the case: no new questions are drawn until some are right. Go on with "Does not answer the security questions correctly" or, if in doubt, "Any doubt".',
          },
        ],
      },
    ],
    seed: ['VER PREGUNTA ¿Qué preguntas de seguridad se realizan para verificar la identidad de un cliente en una llamada de teléfono?'],
    related: ['contact', 'outcome-failed-security'],
  },
  {
    id: 'outcome-confirmed',
    topic: 'outcome',
    outcome: 'confirmed',
    title: { es: 'Confirma la operación', en: 'The customer confirms the operation' },
    summary: {
      es: 'El titular contesta, supera las preguntas y reconoce la operación: se agradece, no se alarga la llamada y se cierra el caso.',
      en: 'The holder answers, passes the questions and recognises the operation: thank them, keep the call short and close the case.',
    },
    sections: [
      {
        paragraphs: [
          {
            es: 'Aunque el cliente pregunte por qué se bloqueó la operación o cómo completarla, no alargue la llamada: pídale que siga las instrucciones de la pantalla o que, si lo necesita, llame al teléfono de soporte o escriba por chat. Detalle en los comentarios de cierre la gestión realizada.',
            en: 'Even if the customer asks why the operation was stopped or how to complete it, do not extend the call: ask them to follow the instructions on the screen or, if they need to, call the support line or use the chat. Describe what was done in the closing comments.',
          },
        ],
      },
    ],
    seed: [
      'Confirma la operación: Agradecemos el tiempo ofrecido. Aunque el cliente pregunte sobre motivos del bloqueo o sobre como completar la operación, no podemos extender la duración de la llamada: nos limitamos a pedirle que siga las instrucciones que aparecen en pantalla o que si lo necesita que contacte con el teléfono de soporte o vía chat..Una vez confirmada con el cliente la operación se cierra el caso detallando en comentarios de cierre la gestión realizada.',
    ],
    related: ['contact', 'closing-and-categories', 'directory'],
  },
  {
    id: 'outcome-not-confirmed',
    topic: 'outcome',
    outcome: 'not_confirmed',
    title: { es: 'No confirma la operación', en: 'The customer does not confirm the operation' },
    summary: {
      es: 'El titular dice que no hizo la operación: bloqueos, perfil CONSULTAS, antivirus y protocolo de fraudes.',
      en: 'The holder says they did not make the operation: blocks, read-only profile, antivirus and the fraud protocol.',
    },
    sections: [
      {
        paragraphs: [
          {
            es: 'Primero BLOQUEO DE FIRMA, después BLOQUEO CAE y perfil CONSULTAS; la consola los aplica en ese orden y muestra cada uno al hacerlo. Diga al cliente que, por seguridad, hemos bloqueado sus claves, pídale que pase un antivirus en los dispositivos que usa y active el protocolo de fraudes.',
            en: 'First the signature block, then the CAE block and the read-only profile; the console applies them in that order and shows each as it runs. Tell the customer that, for security, we have blocked their credentials, ask them to run an antivirus on the devices they use, and start the fraud protocol.',
          },
          {
            es: 'Este resultado no cierra el caso: ciérrelo usted con los comentarios de cierre cuando termine.',
            en: 'This outcome does not close the case: close it yourself with the closing comments when you are done.',
          },
        ],
      },
    ],
    seed: [
      'No confirma la operación: Si el cliente no confirma que la operación ha sido realizada por el, establecemos en primer lugar BLOQUEO DE FIRMA, seguidamente BLOQUEO CAE y modificamos perfil a CONSULTAS. Indicaremos al cliente que, por motivos de seguridad, hemos procedido a bloquear sus claves de acceso a banca electrónica. Pediremos al cliente que pase escáner con antivirus en los terminales que suele utilizar y activamos el protocolo de fraudes.',
      FRAUD_PROTOCOL,
    ],
    related: ['blocks', 'fraud-protocol', 'closing-and-categories'],
  },
  {
    id: 'outcome-failed-security',
    topic: 'outcome',
    outcome: 'failed_security',
    title: { es: 'No responde correctamente a las preguntas de seguridad', en: 'Does not answer the security questions correctly' },
    summary: {
      es: 'Bloqueos y perfil CONSULTAS, el cliente debe ir a su oficina; caso principal, macro «Posible cliente comprometido» y gestión según la oficina gestora.',
      en: 'Blocks and read-only profile, the customer must visit their branch; main case, the macro "Posible cliente comprometido" and handling by managing office.',
    },
    sections: [
      {
        paragraphs: [
          {
            es: 'Diga al cliente que, para desbloquear su Banca Electrónica, debe acudir a su oficina. La consola crea el caso principal, cierra y vincula el caso de la alerta, y prepara el correo de la macro: revíselo y envíelo usted (va con la oficina en copia). Después sigue según la oficina gestora del cliente: oficina física o Wefferent.',
            en: 'Tell the customer that, to unlock their online banking, they must visit their branch. The console opens the main case, closes and links the alert case, and prepares the macro’s email: review it and send it yourself (the office goes in copy). Then it goes on by the customer’s managing office: a branch or Wefferent.',
          },
        ],
      },
    ],
    seed: [
      'No responde correctamente a las preguntas de seguridad: Si el cliente no responde correctamente a las preguntas de seguridad realizadas, establecemos BLOQUEO CAE, BLOQUEO DE FIRMA y modificamos perfil a CONSULTAS. Indicaremos al cliente que, para proceder al desbloqueo de su banca electrónica, debe acudir a su oficina.',
      MAIN_CASE,
    ],
    related: ['blocks', 'main-case-and-macros', 'managing-office', 'security-questions'],
  },
  {
    id: 'outcome-no-answer',
    topic: 'outcome',
    outcome: 'no_answer',
    title: { es: 'No contesta – Comprometido', en: 'No answer – compromised' },
    summary: {
      es: 'Tres intentos sin hablar con el titular: bloqueos desde CLAVES BE, revisión de dispositivos en FIRMOV, caso principal, macro, mención y cierre.',
      en: 'Three attempts without reaching the holder: blocks from CLAVES BE, FIRMOV device check, main case, macro, mention and closing.',
    },
    sections: [
      {
        paragraphs: [
          {
            es: 'Tras el tercer intento sin respuesta del titular, la consola propone este resultado. Bloquea la Banca Electrónica y la firma, desvincula los dispositivos vinculados recientemente (los anteriores se mantienen), crea el caso principal y prepara el correo de la macro «No contesta – Comprometido», que usted envía. Después menciona a la oficina gestora («oficina 8732» si es Wefferent) y cierra el caso, sea cual sea la oficina.',
            en: 'After the third attempt without the holder answering, the console proposes this outcome. It blocks online banking and signing, unlinks recently linked devices (older ones stay), opens the main case and prepares the email of the macro "No contesta – Comprometido", which you send. Then it mentions the managing office ("oficina 8732" for Wefferent) and closes the case, whatever the office.',
          },
        ],
      },
    ],
    seed: [
      'Estableceremos BLOQUEO DE BANCA ELECTRÓNICA y BLOQUEO DE FIRMA al usuario del cliente desde la operatoria CLAVES BE:',
      'Comprobamos en FIRMOV que no se haya vinculado un dispositivo distinto al que tenía el cliente. En caso de que se haya vinculado un nuevo dispositivo procedemos a desvincularlo.',
      'Independientemente de la oficina gestora del cliente, se procederá al cierre del caso realizando previamente un mention a la oficina en cuestión para su conocimiento. Recordad que en caso de clientes con oficina gestora Wefferent, el mention debe realizarse a "oficina 8732"',
    ],
    related: ['contact', 'blocks', 'main-case-and-macros', 'managing-office'],
  },
  {
    id: 'outcome-doubt',
    topic: 'outcome',
    outcome: 'doubt',
    title: { es: 'Ante cualquier duda', en: 'If in any doubt' },
    summary: { es: 'BLOQUEO CAE y BLOQUEO DE FIRMA, en cualquier momento de la gestión.', en: 'The CAE block and the signature block, at any point of the work.' },
    sections: [
      {
        paragraphs: [
          {
            es: 'Si algo no encaja (quién contesta, qué dice, los datos), no lo resuelva a favor de la operación: aplique este resultado. No cierra el caso; anote lo ocurrido y ciérrelo cuando termine.',
            en: 'If something does not fit (who answers, what they say, the data), do not settle it in favour of the operation: apply this outcome. It does not close the case; write down what happened and close it when you are done.',
          },
        ],
      },
    ],
    seed: [ANY_DOUBT],
    related: ['blocks', 'contact'],
  },
  {
    id: 'blocks',
    topic: 'procedure',
    title: { es: 'Bloqueos, perfil CONSULTAS y dispositivos', en: 'Blocks, the read-only profile and devices' },
    summary: {
      es: 'Qué hace cada bloqueo que se establece desde la consola, quién puede levantarlo y qué dispositivos se desvinculan.',
      en: 'What each block set from the console does, who may lift it and which devices are unlinked.',
    },
    sections: [
      {
        list: [
          {
            es: 'BLOQUEO DE FIRMA: el cliente no puede firmar operaciones. Lo levanta la oficina.',
            en: 'Signature block: the customer cannot sign operations. Their branch lifts it.',
          },
          {
            es: 'BLOQUEO CAE: bloquea el acceso a la Banca Electrónica. El cliente no puede quitarlo por sí mismo (ni por teléfono ni por la web): debe acudir a su oficina.',
            en: 'CAE block: blocks access to online banking. The customer cannot lift it on their own (neither by phone nor on the web): they must visit their branch.',
          },
          {
            es: 'BLOQUEO DE BANCA ELECTRÓNICA (desde CLAVES BE): el mismo bloqueo de acceso, con su propio motivo; también lo levanta la oficina.',
            en: 'Online banking block (from CLAVES BE): the same access block, with its own reason; the branch lifts it too.',
          },
          {
            es: 'Perfil CONSULTAS: el cliente puede consultar, pero no operar.',
            en: 'Read-only profile ("CONSULTAS"): the customer can look, but not operate.',
          },
          {
            es: 'FIRMOV: se desvinculan los dispositivos de firma vinculados en los últimos días antes de la alerta, o después de ella; el panel del cliente los marca como recientes. Los anteriores eran del cliente y se mantienen.',
            en: 'FIRMOV: signing devices linked in the days before the alert, or after it, are unlinked; the customer panel marks them as recent. Older ones were the customer’s and stay.',
          },
        ],
      },
      {
        paragraphs: [
          {
            es: 'Cada bloqueo lleva el número del caso, el resultado y el agente, para que la oficina que lo levante sepa por qué se puso.',
            en: 'Each block carries the case number, the outcome and the agent, so the branch that lifts it knows why it was set.',
          },
        ],
      },
    ],
    seed: [
      'establecemos en primer lugar BLOQUEO DE FIRMA, seguidamente BLOQUEO CAE y modificamos perfil a CONSULTAS.',
      'Estableceremos BLOQUEO DE BANCA ELECTRÓNICA y BLOQUEO DE FIRMA al usuario del cliente desde la operatoria CLAVES BE:',
      'Comprobamos en FIRMOV que no se haya vinculado un dispositivo distinto al que tenía el cliente. En caso de que se haya vinculado un nuevo dispositivo procedemos a desvincularlo.',
      ANY_DOUBT,
    ],
    related: ['outcome-not-confirmed', 'outcome-failed-security', 'outcome-no-answer', 'outcome-doubt'],
  },
  {
    id: 'main-case-and-macros',
    topic: 'procedure',
    title: { es: 'Caso principal, macros y envío del correo', en: 'The main case, macros and sending the email' },
    summary: {
      es: 'El caso nuevo que queda como principal, las macros «Posible cliente comprometido» y «No contesta – Comprometido», y el correo que envía usted con la oficina en copia.',
      en: 'The new case that becomes the main one, the macros "Posible cliente comprometido" and "No contesta – Comprometido", and the email you send with the office in copy.',
    },
    sections: [
      {
        heading: { es: 'Caso principal', en: 'Main case' },
        paragraphs: [
          {
            es: 'Se crea un caso nuevo del mismo cliente, que queda como caso principal, y se cierra el caso de la alerta vinculado a él. Lo que sigue se hace en el caso principal.',
            en: 'A new case of the same customer is opened as the main case, and the alert case is closed, linked to it. What follows is done on the main case.',
          },
        ],
      },
      {
        heading: { es: 'Macros', en: 'Macros' },
        paragraphs: [
          {
            es: 'La macro prepara un borrador de correo al cliente, en su idioma, con las medidas de seguridad que debe aplicar en sus dispositivos y las instrucciones que debe seguir la oficina para desbloquearle: «Posible cliente comprometido» si no superó las preguntas, «No contesta – Comprometido» si no contestó.',
            en: 'The macro prepares a draft email to the customer, in their language, with the security measures to apply on their devices and the instructions the branch follows to unlock them: "Posible cliente comprometido" when the questions were failed, "No contesta – Comprometido" when nobody answered.',
          },
          {
            es: 'La macro no envía el correo: revíselo, corríjalo si hace falta y envíelo. Va con la oficina gestora en copia; si es una oficina virtual, con oficina8732@grupocajamar.com. La gestión no sigue hasta que el correo se envía.',
            en: 'The macro does not send the email: review it, correct it if needed and send it. The managing office goes in copy; for a virtual office, oficina8732@grupocajamar.com. The work does not go on until the email is sent.',
          },
        ],
      },
    ],
    seed: [
      MAIN_CASE,
      'Desde el nuevo caso abierto, se ejecuta la macro "Posible cliente comprometido". Al aplicar la macro el sistema creará por defecto un correo electrónico para el cliente (en el que explica las medidas de seguridad que debe aplicar en sus dispositivos) así como las instrucciones que debe seguir la oficina para proceder al desbloqueo del cliente.',
      'Desde el nuevo caso abierto, se ejecuta la macro "No contesta – Comprometido".',
      SEND_IT,
    ],
    related: ['outcome-failed-security', 'outcome-no-answer', 'managing-office'],
  },
  {
    id: 'managing-office',
    topic: 'procedure',
    title: { es: 'Gestión según la oficina gestora', en: 'Handling by managing office' },
    summary: {
      es: 'Oficina física: «Pendiente de cliente», cola de la oficina y mención. Wefferent: menciones a «oficina 8732» y al gestor, y cierre.',
      en: 'A branch: "Pending customer", the branch’s queue and a mention. Wefferent: mentions of "oficina 8732" and the manager, and closing.',
    },
    sections: [
      {
        heading: { es: 'Oficina', en: 'Branch' },
        paragraphs: [
          {
            es: 'En el caso principal: estado «Pendiente de cliente» con el motivo «Se establece BLOQUEO CAE», asignación a la cola de la oficina y, una vez asignado, mención a la oficina gestora para su conocimiento y gestión. La oficina lo ve en su cola y en su buzón de menciones.',
            en: 'On the main case: status "Pending customer" with the reason "CAE block set", assignment to the branch’s queue and, once assigned, a mention to the managing office for its information and handling. The branch sees it in its queue and in its mentions inbox.',
          },
        ],
      },
      {
        heading: { es: 'Wefferent (oficina virtual)', en: 'Wefferent (virtual office)' },
        paragraphs: [
          {
            es: 'Tras enviar el correo se cierra el caso, mencionando antes a «oficina 8732» con la gestión realizada y al gestor del cliente, si lo tiene.',
            en: 'After the email is sent the case is closed, first mentioning "oficina 8732" with what was done, and the customer’s manager if they have one.',
          },
        ],
      },
      {
        heading: { es: 'Para las oficinas', en: 'For branches' },
        paragraphs: [
          {
            es: 'Los usuarios de oficina ven solo la cola de su oficina y trabajan los casos «Pendiente de cliente»: comentar, cambiar el estado y cerrar. Las menciones a la oficina y a sus gestores llegan a su buzón.',
            en: 'Branch users see their own office’s queue only and work its "Pending customer" cases: comment, change the status and close. Mentions of the office and its managers reach their inbox.',
          },
        ],
      },
    ],
    seed: [
      'Gestionaremos el caso dependiendo de la oficina gestora del cliente:',
      '- Oficina: En el detalle del caso, ponemos el estado como “Pendiente de cliente”, en el campo “Pendiente de cliente” indicaremos que se establece BLOQUEO CAE y asignaremos el caso a la cola de oficina. Una vez asignado, hacemos mention a la oficina gestora del cliente indicando que asignamos el caso para su conocimiento y gestión.',
      '- Wefferent: SE CERRARÁ EL CASO tras el envío del correo electrónico anteriormente indicado. Realizando un mention con la gestión realizada a “oficina 8732" (Wefferent) y al gestor del cliente (en caso de tenerlo).',
    ],
    page: '/console/inbox',
    related: ['outcome-failed-security', 'outcome-no-answer', 'main-case-and-macros'],
  },
  {
    id: 'closing-and-categories',
    topic: 'procedure',
    title: { es: 'Cierre y categorización del caso', en: 'Closing and categorising a case' },
    summary: {
      es: 'Comentarios de cierre con la gestión realizada, y la Tipología 2 reservada a las categorizaciones especiales.',
      en: 'Closing comments with what was done, and level 2 reserved for the special categories.',
    },
    sections: [
      {
        heading: { es: 'Comentarios de cierre', en: 'Closing comments' },
        paragraphs: [
          {
            es: 'Un caso se cierra detallando en los comentarios de cierre la gestión realizada; sin ellos la consola no lo cierra. Un caso cerrado ya no cambia: si hace falta seguir, se abre un caso nuevo.',
            en: 'A case is closed with closing comments describing what was done; without them the console does not close it. A closed case no longer changes: to go on, a new case is opened.',
          },
        ],
      },
      {
        heading: { es: 'Categorías', en: 'Categories' },
        list: [
          {
            es: 'La Tipología 2 se reserva para las categorizaciones especiales: cambios de límite y cambios de titulares.',
            en: 'Level 2 is reserved for the special categories: limit changes and holder changes.',
          },
          {
            es: 'Úsela solo cuando de verdad se modifica la cuenta o sus titulares; no para casos duplicados, peticiones de información o consultas del estado de una solicitud.',
            en: 'Use it only when the account or its holders really change; not for duplicates, requests for information or questions about a request’s status.',
          },
          {
            es: 'Esos casos los cierra su propietario: quien ejecutó el PER o el ACUERDO.',
            en: 'Those cases are closed by their owner: whoever carried out the PER or the ACUERDO.',
          },
          {
            es: 'Categorizar bien importa: cuenta para la bonificación del Plan de Calidad y para el análisis de volúmenes.',
            en: 'Categorising right matters: it counts for the Quality Plan bonus and for volume analysis.',
          },
          {
            es: 'Sin categoría no se cierra ningún caso. Cada resultado de la guía cierra sus casos con la categoría que tiene asignada (se ve bajo cada botón); si no es la correcta, elija otra antes de aplicarlo o categorice el caso antes.',
            en: 'No case closes without a category. Each outcome of the playbook closes its cases with the category assigned to it (shown under each button); if it is not the right one, choose another before applying it, or categorise the case first.',
          },
        ],
      },
    ],
    seed: [
      '* La Tipología 2 queda reservada para uso en categorizaciones especiales, las de este cuadro. Para los cambios de límite y los de titulares, el propietario del caso que cierre será el que previamente haya ejecutado el PER o el ACUERDO según proceda.',
      'Solo usaremos esta categorización específica cuando realmente haya que gestionar la modificación en la cuenta o titulares. No debemos usarla para casos duplicados, casos donde el cliente solo solicita información, conocer el estado de su solicitud, etc.',
      'Es de suma importancia categorizar el caso como se indica para poder bonificar al empleado según el actual Plan de Calidad y para el análisis posterior de volúmenes.',
      'Una vez confirmada con el cliente la operación se cierra el caso detallando en comentarios de cierre la gestión realizada.',
    ],
    related: ['outcome-confirmed'],
  },
  {
    id: 'fraud-protocol',
    topic: 'procedure',
    title: { es: 'Protocolo de fraudes online', en: 'The online fraud protocol' },
    summary: {
      es: 'Cuándo se activa y qué hace la consola al activarlo.',
      en: 'When it is started and what the console does when it is.',
    },
    sections: [
      {
        paragraphs: [
          {
            es: 'Se activa cuando el cliente no confirma la operación, después de los bloqueos, el perfil CONSULTAS y el aviso del antivirus. En la consola es el paso «Activar el protocolo de fraudes»: abre una tarea para el equipo de fraude con el caso, el cliente y el resultado, y queda en la cronología del caso.',
            en: 'It is started when the customer does not confirm the operation, after the blocks, the read-only profile and the antivirus advice. In the console it is the step "Start the fraud protocol": it opens a task for the fraud team with the case, the customer and the outcome, and it stays on the case timeline.',
          },
          {
            es: 'La tarea llega a la «Cola de fraude» del equipo de fraude: una persona la toma, anota lo que hace y la cierra con su resultado (fraude confirmado y denunciado, fraude confirmado con la operación retenida o el importe recuperado, no es fraude, cliente ilocalizable o duplicada). El caso muestra la tarea, quién la tiene y su resultado.',
            en: 'The task reaches the fraud team’s "Fraud queue": someone takes it, notes what they do and closes it with its result (fraud confirmed and reported, fraud confirmed with the operation stopped or the money recovered, not fraud, customer unreachable, or duplicate). The case shows the task, who has it and its result.',
          },
          {
            es: 'El texto de la pregunta «¿Cómo activar el protocolo de fraudes online?» no está en este procedimiento: si su equipo lo tiene, envíenoslo en el cuadro de comentarios para añadirlo aquí.',
            en: 'The text of the question "¿Cómo activar el protocolo de fraudes online?" is not part of this procedure: if your team has it, send it to us in the comments box so it can be added here.',
          },
        ],
      },
    ],
    seed: ['Pediremos al cliente que pase escáner con antivirus en los terminales que suele utilizar y activamos el protocolo de fraudes.', FRAUD_PROTOCOL],
    related: ['outcome-not-confirmed', 'blocks'],
  },
  {
    id: 'directory',
    topic: 'directory',
    title: { es: 'Teléfonos para informar o transferir a clientes', en: 'Numbers to give or transfer customers to' },
    summary: {
      es: 'La octavilla de teléfonos de contacto: búsqueda por nombre o número, «abierto ahora» y copia con un clic.',
      en: 'The contact numbers leaflet: search by name or number, "open now" and copy with one click.',
    },
    sections: [
      {
        list: [
          { es: 'Busque por nombre, grupo o número (sin importar acentos, espacios ni prefijo +34).', en: 'Search by name, group or number (accents, spaces and the +34 prefix do not matter).' },
          {
            es: '«Abierto ahora» se calcula con el horario de la octavilla en hora peninsular española. Si la octavilla no da horario, la consola no lo supone.',
            en: '"Open now" comes from the leaflet’s hours in mainland Spain time. Where the leaflet gives no hours, the console does not guess.',
          },
          { es: 'Pulse un número para copiarlo y marcarlo o pasarlo al cliente.', en: 'Press a number to copy it, to dial it or give it to the customer.' },
          {
            es: 'Los TELÉFONOS INTERNOS son para el personal: no se dan a los clientes.',
            en: 'The internal numbers (TELÉFONOS INTERNOS) are for staff: never give them to customers.',
          },
          {
            es: 'Oficinas de gestores: fuera de su horario se atiende desde el CAE.',
            en: 'Managers’ offices: outside their hours, the contact centre (CAE) answers.',
          },
        ],
      },
    ],
    seed: [
      'Los teléfonos para informar o transferir a clientes son:',
      'OFICINAS DE GESTORES 950183012. (Horario de lunes a viernes de 8h a 19h y viernes de 8h a 15h.) Fuera de este horario se atiende desde el CAE.',
    ],
    page: '/console/directory',
    related: ['outcome-confirmed'],
  },
  {
    id: 'wefferent-holders',
    topic: 'procedure',
    title: { es: 'Intervinientes en una cuenta Wefferent', en: 'Adding account holders to a Wefferent account' },
    summary: { es: 'El cliente lo pide desde «Te respondemos/Chat» en su Banca Electrónica.', en: 'The customer asks for it through "Te respondemos/Chat" in their online banking.' },
    sections: [
      {
        paragraphs: [
          {
            es: 'Para incluir intervinientes en una cuenta Wefferent, indique al cliente que lo solicite a través de «Te respondemos/Chat» dentro de su Banca Electrónica.',
            en: 'To add account holders to a Wefferent account, tell the customer to ask for it through "Te respondemos/Chat" inside their online banking.',
          },
        ],
      },
    ],
    seed: ['Para incluir intervinientes en una cuenta Wefferent es necesario que lo solicites a través de "Te respondemos/Chat" dentro de tu banca electrónica.'],
    related: ['managing-office'],
  },
];
