import type { ComponentType } from 'react';
import type { WebPath } from '../../src/http/web-paths.ts';
import { BankingPage } from './banking/BankingPage.tsx';
import { CasePage } from './console/CasePage.tsx';
import { QueuePage } from './console/QueuePage.tsx';
import { DirectoryPage } from './console/directory/DirectoryPage.tsx';
import { InboxPage } from './console/inbox/InboxPage.tsx';
import { FraudPage } from './console/fraud/FraudPage.tsx';
import { HandoversPage } from './console/handovers/HandoversPage.tsx';
import { KnowledgePage } from './console/knowledge/KnowledgePage.tsx';
import { ReportsPage } from './console/reports/ReportsPage.tsx';
import { SupervisorPage } from './console/supervisor/SupervisorPage.tsx';
import { ApprovalsPage } from './console/customer/ApprovalsPage.tsx';
import { CustomerPage } from './console/customer/CustomerPage.tsx';
import { DevicesPage } from './banking/DevicesPage.tsx';
import { OperationPage } from './banking/OperationPage.tsx';
import { PasswordPage } from './banking/PasswordPage.tsx';
import { TransferPage } from './banking/TransferPage.tsx';
import { MessagesPage } from './messages/MessagesPage.tsx';
import { PhonePage } from './phone/PhonePage.tsx';
import { RecoveryPage } from './recovery/RecoveryPage.tsx';
import { StartPage } from './pages/StartPage.tsx';

export interface PageSpec {
  /** Catalogue id of the page name, used for the document title. */
  titleId: string;
  Component: ComponentType;
}

/**
 * The router's table. Typed by the server's list of web paths, so a path the server serves
 * without a page here, or a page the server never serves, is a compile error.
 */
export const PAGES: Record<WebPath, PageSpec> = {
  '/': { titleId: 'app.name', Component: StartPage },
  '/dev/messages': { titleId: 'web.face.messages.name', Component: MessagesPage },
  '/recovery': { titleId: 'recovery.title', Component: RecoveryPage },
  '/banking': { titleId: 'web.face.banking.name', Component: BankingPage },
  '/banking/password': { titleId: 'web.bank.password.title', Component: PasswordPage },
  '/banking/operation': { titleId: 'web.bank.sign.title', Component: OperationPage },
  '/banking/transfer': { titleId: 'web.bank.transfer.title', Component: TransferPage },
  '/banking/devices': { titleId: 'web.bank.devices.title', Component: DevicesPage },
  '/phone': { titleId: 'web.face.phone.name', Component: PhonePage },
  '/console': { titleId: 'web.face.console.name', Component: QueuePage },
  '/console/case': { titleId: 'console.case.title', Component: CasePage },
  '/console/directory': { titleId: 'console.directory.title', Component: DirectoryPage },
  '/console/knowledge': { titleId: 'console.knowledge.title', Component: KnowledgePage },
  '/console/reports': { titleId: 'console.reports.title', Component: ReportsPage },
  '/console/inbox': { titleId: 'console.inbox.title', Component: InboxPage },
  '/console/customer': { titleId: 'console.customerPage.title', Component: CustomerPage },
  '/console/approvals': { titleId: 'console.approvals.title', Component: ApprovalsPage },
  '/console/fraud': { titleId: 'console.fraud.title', Component: FraudPage },
  '/console/handovers': { titleId: 'console.handovers.title', Component: HandoversPage },
  '/console/supervisor': { titleId: 'console.supervisor.title', Component: SupervisorPage },
};
