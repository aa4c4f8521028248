import { DirectionProvider, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, useEffect, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError, setUnauthenticatedHandler } from './api/client';
import { ME_KEY } from './api/session';
import { AppLayout } from './components/AppLayout';
import { DirectionSync } from './components/DirectionSync';
import { RequireAuth } from './components/RequireAuth';
import { EnrolPage } from './features/auth/EnrolPage';
import { LoginPage } from './features/auth/LoginPage';
import { HomePage } from './features/home/HomePage';
import { NotFoundPage } from './features/home/NotFoundPage';
import './features/events/live';
import { directionOf, currentLocale } from './i18n';
import { theme } from './theme';

const RELOADED_KEY = 'tansiq.reloadedForNewVersion';

/**
 * A tab opened before a new version was installed asks for page files that no longer exist (their names carry the
 * old build's hashes): load the new version once, instead of leaving a blank page. A second failure is a real one.
 */
function reloadOnce(err: unknown): Promise<never> {
  try {
    if (sessionStorage.getItem(RELOADED_KEY) !== location.pathname) {
      sessionStorage.setItem(RELOADED_KEY, location.pathname);
      location.reload();
      return new Promise<never>(() => undefined);
    }
  } catch {
    // Storage disabled: report the failure rather than risk reloading in a loop.
  }
  return Promise.reject(err instanceof Error ? err : new Error(String(err)));
}

/** A page fetched when it is first opened (so the first screen does not wait for every module's code). */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => {
    try {
      sessionStorage.removeItem(RELOADED_KEY);
    } catch {
      // Nothing to forget.
    }
    return { default: m[name] };
  }, reloadOnce));
}

// Every page but sign-in, enrolment, home and not-found is its own chunk (AppLayout shows a loader meanwhile).
const AccountPage = page(() => import('./features/account/AccountPage'), 'AccountPage');
const AgenciesPage = page(() => import('./features/agencies/AgenciesPage'), 'AgenciesPage');
const AuditPage = page(() => import('./features/audit/AuditPage'), 'AuditPage');
const DesksPage = page(() => import('./features/desks/DesksPage'), 'DesksPage');
const MessagePage = page(() => import('./features/messages/MessagePage'), 'MessagePage');
const MessagesPage = page(() => import('./features/messages/MessagesPage'), 'MessagesPage');
const RedReadersPage = page(() => import('./features/messages/RedReadersPage'), 'RedReadersPage');
const PermissionsPage = page(() => import('./features/messages/PermissionsPage'), 'PermissionsPage');
const NotificationsPage = page(() => import('./features/notifications/NotificationsPage'), 'NotificationsPage');
const UsersPage = page(() => import('./features/users/UsersPage'), 'UsersPage');
const ScreeningPage = page(() => import('./features/screening/ScreeningPage'), 'ScreeningPage');
const DocumentCheckPage = page(() => import('./features/documents/DocumentCheckPage'), 'DocumentCheckPage');
const RegisteredDocumentsPage = page(() => import('./features/documents/RegisteredDocumentsPage'), 'RegisteredDocumentsPage');
const WatchlistsPage = page(() => import('./features/watchlists/WatchlistsPage'), 'WatchlistsPage');
const WatchlistEntriesPage = page(() => import('./features/watchlists/WatchlistEntriesPage'), 'WatchlistEntriesPage');
const CasePage = page(() => import('./features/cases/CasePage'), 'CasePage');
const CasesPage = page(() => import('./features/cases/CasesPage'), 'CasesPage');
const NewCasePage = page(() => import('./features/cases/NewCasePage'), 'NewCasePage');
const PartnershipsPage = page(() => import('./features/partnerships/PartnershipsPage'), 'PartnershipsPage');
const NoticesPage = page(() => import('./features/notices/NoticesPage'), 'NoticesPage');
const NoticePage = page(() => import('./features/notices/NoticePage'), 'NoticePage');
const NewNoticePage = page(() => import('./features/notices/NewNoticePage'), 'NewNoticePage');
const EditNoticePage = page(() => import('./features/notices/EditNoticePage'), 'EditNoticePage');
const HitsPage = page(() => import('./features/hits/HitsPage'), 'HitsPage');
const HitPage = page(() => import('./features/hits/HitPage'), 'HitPage');
const EventsPage = page(() => import('./features/events/EventsPage'), 'EventsPage');
const EventPage = page(() => import('./features/events/EventPage'), 'EventPage');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; only transient failures are retried.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

function SessionWatch() {
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (queryClient.getQueryData(ME_KEY)) {
        queryClient.clear();
        queryClient.setQueryData(ME_KEY, null);
      }
    });
  }, []);
  return null;
}

export function App() {
  return (
    <DirectionProvider initialDirection={directionOf(currentLocale())} detectDirection={false}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <DirectionSync />
          <SessionWatch />
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/enrol/:token" element={<EnrolPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<HomePage />} />
                <Route path="notifications" element={<NotificationsPage />} />
                <Route path="messages" element={<MessagesPage />} />
                <Route path="red-readers" element={<RedReadersPage />} />
                <Route path="messages/:id" element={<MessagePage />} />
                <Route path="permissions" element={<PermissionsPage />} />
                <Route path="account" element={<AccountPage />} />
                <Route path="admin/users" element={<UsersPage />} />
                <Route path="admin/desks" element={<DesksPage />} />
                <Route path="admin/agencies" element={<AgenciesPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="screening" element={<ScreeningPage />} />
                <Route path="admin/watchlists" element={<WatchlistsPage />} />
                <Route path="watchlists/:id" element={<WatchlistEntriesPage />} />
                <Route path="cases" element={<CasesPage />} />
                <Route path="cases/new" element={<NewCasePage />} />
                <Route path="cases/:id" element={<CasePage />} />
                <Route path="partnerships" element={<PartnershipsPage />} />
                <Route path="notices" element={<NoticesPage />} />
                <Route path="notices/new" element={<NewNoticePage />} />
                <Route path="notices/:id" element={<NoticePage />} />
                <Route path="notices/:id/edit" element={<EditNoticePage />} />
                <Route path="hits" element={<HitsPage />} />
                <Route path="hits/:id" element={<HitPage />} />
                <Route path="documents/check" element={<DocumentCheckPage />} />
                <Route path="documents/registry" element={<RegisteredDocumentsPage />} />
                <Route path="events" element={<EventsPage />} />
                <Route path="events/:id" element={<EventPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
