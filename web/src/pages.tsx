import type { ComponentType } from 'react';
import type { WebPath } from '../../src/http/web-paths.ts';
import { MessagesPage } from './messages/MessagesPage.tsx';
import { PhonePage } from './phone/PhonePage.tsx';
import { StartPage } from './pages/StartPage.tsx';
import { UpcomingPage } from './pages/UpcomingPage.tsx';

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
  '/recovery': { titleId: 'web.face.recovery.name', Component: () => <UpcomingPage face="recovery" /> },
  '/banking': { titleId: 'web.face.banking.name', Component: () => <UpcomingPage face="banking" /> },
  '/phone': { titleId: 'web.face.phone.name', Component: PhonePage },
  '/console': { titleId: 'web.face.console.name', Component: () => <UpcomingPage face="console" /> },
};
