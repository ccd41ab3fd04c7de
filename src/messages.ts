import { registerMessages, type Text } from './i18n/catalogue.ts';
import { common } from './i18n/messages/common.ts';
import { phone } from './i18n/messages/phone.ts';
import { web } from './i18n/messages/web.ts';
import { bankingWeb } from './i18n/messages/banking-web.ts';
import { consoleMessages } from './i18n/messages/console.ts';
import { consoleSideMessages } from './i18n/messages/console-side.ts';
import { consoleFraudMessages } from './i18n/messages/console-fraud.ts';
import { consoleWorkMessages } from './i18n/messages/console-work.ts';
import { consoleWorkspaceMessages } from './i18n/messages/console-workspace.ts';
import { notify } from './notify/messages.ts';
import { ivrMessages } from './ivr/messages.ts';
import { bankingMessages } from './banking/messages.ts';
import { selfserviceMessages } from './selfservice/messages.ts';
import { backofficeMessages } from './backoffice/messages.ts';
import { playbookMessages } from './backoffice/playbook/messages.ts';
import { reportsMessages } from './backoffice/reports/messages.ts';
import { fraudMessages } from './backoffice/fraud/messages.ts';
import { directoryMessages } from './directory/messages.ts';
import { staffMessages } from './staff/messages.ts';
import { knowledgeMessages } from './knowledge/messages.ts';
import { unlockMessages } from './backoffice/unlock/messages.ts';
import { consoleCustomerMessages } from './i18n/messages/console-customer.ts';
import { handoverMessages } from './backoffice/handovers/messages.ts';
import { brandMessages } from './brand/messages.ts';
import { supervisorMessages } from './backoffice/supervisor/messages.ts';
import { consoleSupervisorMessages } from './i18n/messages/console-supervisor.ts';
import { callsMessages } from './backoffice/calls/messages.ts';

/**
 * Every module's texts, registered in the one catalogue (`i18n/catalogue.ts`). This is the
 * registration point for texts, as `http/modules.ts` is for routes, `background.ts` for tasks
 * and `cli.ts` for commands: a module adds its `messages.ts` here. The server, the command
 * line, the web app and the test setup import this file once.
 */
export const MESSAGE_PARTS: Readonly<Record<string, Readonly<Record<string, Text>>>> = {
  common,
  notify,
  web,
  ivr: ivrMessages,
  phone,
  banking: bankingMessages,
  bankingWeb,
  selfservice: selfserviceMessages,
  directory: directoryMessages,
  reports: reportsMessages,
  backoffice: backofficeMessages,
  playbook: playbookMessages,
  calls: callsMessages,
  fraud: fraudMessages,
  staff: staffMessages,
  console: consoleMessages,
  consoleSide: consoleSideMessages,
  consoleFraud: consoleFraudMessages,
  consoleWork: consoleWorkMessages,
  consoleWorkspace: consoleWorkspaceMessages,
  knowledge: knowledgeMessages,
  unlock: unlockMessages,
  consoleCustomer: consoleCustomerMessages,
  handover: handoverMessages,
  brand: brandMessages,
  supervisor: supervisorMessages,
  consoleSupervisor: consoleSupervisorMessages,
};

for (const [domain, texts] of Object.entries(MESSAGE_PARTS)) registerMessages(domain, texts);
