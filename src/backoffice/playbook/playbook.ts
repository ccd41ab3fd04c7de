import type { Outcome } from '../schema.ts';

/**
 * THE playbook of seed 002 ("En la confirmación de las alertas de operaciones, nos vamos a
 * encontrar las siguientes situaciones"), as data. Read it beside the seed: each outcome is the
 * ordered list of steps the seed names, each step quoting the seed's own words, and the
 * office variants ("Gestionaremos el caso dependiendo de la oficina gestora del cliente") as
 * the steps that follow the common ones. `engine.ts` runs it step by step;
 * `actions.ts` says what each action does through the domain; what the agent reads
 * and says, in Spanish and English, is in `messages.ts` (`playbook.action.<action>`,
 * and `playbook.say.<id>` for what the agent tells the customer).
 */

/** What a step does. Every one is idempotent and recorded once done (`playbook_steps`). */
export type PlaybookAction =
  /** The agent tells the customer something (`say`): recorded as said, no other effect. */
  | 'say'
  /** BLOQUEO DE FIRMA: a signature block set by the contact centre. */
  | 'block_signature'
  /** BLOQUEO CAE: an access block of origin contact centre, which only a branch lifts. */
  | 'block_cae'
  /** BLOQUEO DE BANCA ELECTRÓNICA from "CLAVES BE": an access block set by the contact centre. */
  | 'block_access'
  /** "modificamos perfil a CONSULTAS": the read-only online-banking profile. */
  | 'set_profile_read_only'
  /** "activamos el protocolo de fraudes": a task for the fraud team. */
  | 'start_fraud_protocol'
  /** FIRMOV: unlink the mobile-signature devices linked recently (`backoffice.recentDeviceDays`). */
  | 'unlink_recent_devices'
  /** "Creamos un caso nuevo el cual será el caso principal". */
  | 'create_main_case'
  /** "cerramos el caso generado por la alerta vinculándolo al caso que hemos creado". */
  | 'link_and_close_alert_case'
  /** "se ejecuta la macro …": the email draft of `macro`, with the office in copy. */
  | 'apply_macro'
  /** "La macro no envía el correo, debemos enviarlo nosotros": waits until the agent sends the draft. */
  | 'await_email_sent'
  /** "ponemos el estado como “Pendiente de cliente”" with the reason `pendingReason`. */
  | 'set_pending_customer'
  /** "asignaremos el caso a la cola de oficina". */
  | 'assign_office_queue'
  /** A mention to the customer's managing office ("oficina 8732" for a virtual-office customer). */
  | 'mention_office'
  /** A mention to the customer's manager, when they have one. */
  | 'mention_manager'
  /** Closes the case with the agent's closing comments. */
  | 'close_case';

export const PLAYBOOK_ACTIONS: readonly PlaybookAction[] = [
  'say', 'block_signature', 'block_cae', 'block_access', 'set_profile_read_only', 'start_fraud_protocol', 'unlink_recent_devices',
  'create_main_case', 'link_and_close_alert_case', 'apply_macro', 'await_email_sent', 'set_pending_customer', 'assign_office_queue',
  'mention_office', 'mention_manager', 'close_case',
];

/** The two macros of seed 002; their email templates are in `config/macros.json`. */
export type MacroId = 'posible_cliente_comprometido' | 'no_contesta_comprometido';
export const MACRO_IDS: readonly MacroId[] = ['posible_cliente_comprometido', 'no_contesta_comprometido'];

/** What the agent tells the customer (`playbook.say.<id>` in the catalogue). */
export type SayId = 'thanks' | 'keys_blocked' | 'antivirus' | 'visit_branch';

/** The office variants: a branch ("Oficina"), or the virtual office of the digital brand ("Wefferent"). */
export type OfficeVariant = 'branch' | 'virtual';
export const OFFICE_VARIANTS: readonly OfficeVariant[] = ['branch', 'virtual'];

export interface PlaybookStep {
  action: PlaybookAction;
  /** The seed's own words for this step, verbatim. */
  seed: string;
  /** The case a case action works on: the alert case (default) or the main case created by `create_main_case`. */
  on?: 'alert' | 'main';
  say?: SayId;
  macro?: MacroId;
  /** `set_pending_customer`: the catalogue id of the "Pendiente de cliente" field's text. */
  pendingReason?: string;
  /** `mention_office` / `mention_manager`: the catalogue id of the mention's text. */
  mention?: string;
}

/** What must have happened on the case before an outcome may be applied. */
export type Requirement =
  /** A call was answered by the online-banking holder (or, for an entity, a representative). */
  | 'answered_call'
  /** That person passed the security questions. */
  | 'passed_check'
  /** That person failed the security questions. */
  | 'failed_check'
  /** Every attempt of the limit ("3 intentos por alerta") was made and none reached the holder. */
  | 'attempts_exhausted';

export interface OutcomeDefinition {
  outcome: Outcome;
  /** The seed's words naming the situation. */
  seed: string;
  requires: readonly Requirement[];
  /** The steps every customer gets, in order. */
  steps: readonly PlaybookStep[];
  /** Steps after the common ones, by the customer's managing office. */
  variants?: Readonly<Record<OfficeVariant, readonly PlaybookStep[]>>;
}

export interface PlaybookDefinition {
  id: string;
  version: string;
  /** The rule over every situation (seed 002, in capitals). */
  anyDoubt: string;
  /**
   * The virtual office of the digital brand: who is mentioned and copied for its customers
   * ("en caso de ser una oficina virtual pondremos en copia la dirección oficina8732@grupocajamar.com";
   * "el mention debe realizarse a "oficina 8732"").
   */
  virtualOffice: { code: string; email: string };
  /** Calling the customer: how many attempts an alert gets, in the seed's words. */
  contact: { attemptsPerAlert: number; seed: string };
  outcomes: Readonly<Record<Outcome, OutcomeDefinition>>;
}

// Seed 002 says the same three things of both compromised situations; quoted once, used twice.
const NEW_MAIN_CASE = 'Creamos un caso nuevo el cual será el caso principal';
const LINK_AND_CLOSE = 'y cerramos el caso generado por la alerta vinculándolo al caso que hemos creado (queda como caso principal el caso que hemos creado).';
const SEND_IT_OURSELVES =
  'La macro no envía el correo, debemos enviarlo nosotros. Antes de enviarlo, pondremos en copia a la oficina del cliente (en caso de ser una oficina virtual pondremos en copia la dirección oficina8732@grupocajamar.com)';
const MACRO_DRAFTS =
  'Al aplicar la macro el sistema creará por defecto un correo electrónico para el cliente (en el que explica las medidas de seguridad que debe aplicar en sus dispositivos) así como las instrucciones que debe seguir la oficina para proceder al desbloqueo del cliente.';

export const PLAYBOOK: PlaybookDefinition = {
  id: 'fraud-alert-playbook',
  version: '1.0.0',
  anyDoubt: 'EN CUALQUIER CASO, Y ANTE CUALQUIER DUDA, ESTABLECEREMOS BLOQUEO CAE Y BLOQUEO DE FIRMA.',
  virtualOffice: { code: '8732', email: 'oficina8732@grupocajamar.com' },
  contact: {
    attemptsPerAlert: 3,
    seed: 'En cada una de las alertas que se generen, debemos contactar con el cliente para confirmar la operación (3 intentos por alerta).',
  },
  outcomes: {
    confirmed: {
      outcome: 'confirmed',
      seed: 'Confirma la operación',
      requires: ['answered_call', 'passed_check'],
      steps: [
        {
          action: 'say',
          say: 'thanks',
          seed:
            'Agradecemos el tiempo ofrecido. Aunque el cliente pregunte sobre motivos del bloqueo o sobre como completar la operación, no podemos extender la duración de la llamada: nos limitamos a pedirle que siga las instrucciones que aparecen en pantalla o que si lo necesita que contacte con el teléfono de soporte o vía chat.',
        },
        { action: 'close_case', on: 'alert', seed: 'Una vez confirmada con el cliente la operación se cierra el caso detallando en comentarios de cierre la gestión realizada.' },
      ],
    },

    not_confirmed: {
      outcome: 'not_confirmed',
      seed: 'No confirma la operación: Si el cliente no confirma que la operación ha sido realizada por el',
      requires: ['answered_call', 'passed_check'],
      steps: [
        { action: 'block_signature', seed: 'establecemos en primer lugar BLOQUEO DE FIRMA,' },
        { action: 'block_cae', seed: 'seguidamente BLOQUEO CAE' },
        { action: 'set_profile_read_only', seed: 'y modificamos perfil a CONSULTAS.' },
        { action: 'say', say: 'keys_blocked', seed: 'Indicaremos al cliente que, por motivos de seguridad, hemos procedido a bloquear sus claves de acceso a banca electrónica.' },
        { action: 'say', say: 'antivirus', seed: 'Pediremos al cliente que pase escáner con antivirus en los terminales que suele utilizar' },
        {
          action: 'start_fraud_protocol',
          seed: 'y activamos el protocolo de fraudes. Para activar el protocolo de fraudes seguiremos las instrucciones que podemos leer en la pregunta: ¿Cómo activar el protocolo de fraudes online?',
        },
      ],
    },

    failed_security: {
      outcome: 'failed_security',
      seed: 'No responde correctamente a las preguntas de seguridad',
      requires: ['failed_check'],
      steps: [
        { action: 'block_cae', seed: 'Si el cliente no responde correctamente a las preguntas de seguridad realizadas, establecemos BLOQUEO CAE,' },
        { action: 'block_signature', seed: 'BLOQUEO DE FIRMA' },
        { action: 'set_profile_read_only', seed: 'y modificamos perfil a CONSULTAS.' },
        { action: 'say', say: 'visit_branch', seed: 'Indicaremos al cliente que, para proceder al desbloqueo de su banca electrónica, debe acudir a su oficina.' },
        { action: 'create_main_case', seed: NEW_MAIN_CASE },
        { action: 'link_and_close_alert_case', on: 'alert', seed: LINK_AND_CLOSE },
        { action: 'apply_macro', on: 'main', macro: 'posible_cliente_comprometido', seed: `Desde el nuevo caso abierto, se ejecuta la macro "Posible cliente comprometido". ${MACRO_DRAFTS}` },
        { action: 'await_email_sent', on: 'main', seed: SEND_IT_OURSELVES },
      ],
      variants: {
        branch: [
          {
            action: 'set_pending_customer',
            on: 'main',
            pendingReason: 'playbook.pending.cae_block',
            seed: 'Oficina: En el detalle del caso, ponemos el estado como “Pendiente de cliente”, en el campo “Pendiente de cliente” indicaremos que se establece BLOQUEO CAE',
          },
          { action: 'assign_office_queue', on: 'main', seed: 'y asignaremos el caso a la cola de oficina.' },
          {
            action: 'mention_office',
            on: 'main',
            mention: 'playbook.mention.assigned',
            seed: 'Una vez asignado, hacemos mention a la oficina gestora del cliente indicando que asignamos el caso para su conocimiento y gestión.',
          },
        ],
        // The seed closes "tras el envío del correo" and mentions while closing ("Realizando un
        // mention"); the mentions go first because a closed case is the end of its work.
        virtual: [
          { action: 'mention_office', on: 'main', mention: 'playbook.mention.done', seed: 'Realizando un mention con la gestión realizada a “oficina 8732" (Wefferent)' },
          { action: 'mention_manager', on: 'main', mention: 'playbook.mention.done', seed: 'y al gestor del cliente (en caso de tenerlo).' },
          { action: 'close_case', on: 'main', seed: 'Wefferent: SE CERRARÁ EL CASO tras el envío del correo electrónico anteriormente indicado.' },
        ],
      },
    },

    // The seed's copy lost this situation's heading; its list (after "Wefferent") is the customer
    // who does not answer the three attempts, as the macro "No contesta – Comprometido" names it.
    no_answer: {
      outcome: 'no_answer',
      seed: 'No contesta – Comprometido (en cada una de las alertas … 3 intentos por alerta)',
      requires: ['attempts_exhausted'],
      steps: [
        { action: 'block_access', seed: 'Estableceremos BLOQUEO DE BANCA ELECTRÓNICA' },
        { action: 'block_signature', seed: 'y BLOQUEO DE FIRMA al usuario del cliente desde la operatoria CLAVES BE:' },
        {
          action: 'unlink_recent_devices',
          seed: 'Comprobamos en FIRMOV que no se haya vinculado un dispositivo distinto al que tenía el cliente. En caso de que se haya vinculado un nuevo dispositivo procedemos a desvincularlo.',
        },
        { action: 'create_main_case', seed: NEW_MAIN_CASE },
        { action: 'link_and_close_alert_case', on: 'alert', seed: LINK_AND_CLOSE },
        { action: 'apply_macro', on: 'main', macro: 'no_contesta_comprometido', seed: `Desde el nuevo caso abierto, se ejecuta la macro "No contesta – Comprometido". ${MACRO_DRAFTS}` },
        { action: 'await_email_sent', on: 'main', seed: SEND_IT_OURSELVES },
        {
          action: 'mention_office',
          on: 'main',
          mention: 'playbook.mention.done',
          seed: 'Independientemente de la oficina gestora del cliente, se procederá al cierre del caso realizando previamente un mention a la oficina en cuestión para su conocimiento. Recordad que en caso de clientes con oficina gestora Wefferent, el mention debe realizarse a "oficina 8732"',
        },
        { action: 'close_case', on: 'main', seed: 'se procederá al cierre del caso' },
      ],
    },

    doubt: {
      outcome: 'doubt',
      seed: 'EN CUALQUIER CASO, Y ANTE CUALQUIER DUDA',
      requires: [],
      steps: [
        { action: 'block_cae', seed: 'ESTABLECEREMOS BLOQUEO CAE' },
        { action: 'block_signature', seed: 'Y BLOQUEO DE FIRMA.' },
      ],
    },
  },
};
