import { DirectionProvider, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError, setUnauthenticatedHandler } from './api/client';
import { ME_KEY } from './api/session';
import { AppLayout } from './components/AppLayout';
import { DirectionSync } from './components/DirectionSync';
import { RequireAuth } from './components/RequireAuth';
import { Loading } from './components/States';
import { AccountPage } from './features/account/AccountPage';
import { AgenciesPage } from './features/agencies/AgenciesPage';
import { AuditPage } from './features/audit/AuditPage';
import { EnrolPage } from './features/auth/EnrolPage';
import { LoginPage } from './features/auth/LoginPage';
import { DesksPage } from './features/desks/DesksPage';
import { HomePage } from './features/home/HomePage';
import { NotFoundPage } from './features/home/NotFoundPage';
import { MessagePage } from './features/messages/MessagePage';
import { MessagesPage } from './features/messages/MessagesPage';
import { RedReadersPage } from './features/messages/RedReadersPage';
import { PermissionsPage } from './features/messages/PermissionsPage';
import { NotificationsPage } from './features/notifications/NotificationsPage';
import { UsersPage } from './features/users/UsersPage';
import { ScreeningPage } from './features/screening/ScreeningPage';
import { DocumentCheckPage } from './features/documents/DocumentCheckPage';
import { RegisteredDocumentsPage } from './features/documents/RegisteredDocumentsPage';
import { WatchlistsPage } from './features/watchlists/WatchlistsPage';
import { CasePage } from './features/cases/CasePage';
import { CasesPage } from './features/cases/CasesPage';
import { NewCasePage } from './features/cases/NewCasePage';
import { PartnershipsPage } from './features/partnerships/PartnershipsPage';
import { NoticesPage } from './features/notices/NoticesPage';
import { NoticePage } from './features/notices/NoticePage';
import { NewNoticePage } from './features/notices/NewNoticePage';
import { EditNoticePage } from './features/notices/EditNoticePage';
import { HitsPage } from './features/hits/HitsPage';
import { HitPage } from './features/hits/HitPage';
import './features/events/live';
import { directionOf, currentLocale } from './i18n';
import { theme } from './theme';

// The event pages carry the charts and the map: loaded when first opened.
const EventsPage = lazy(() => import('./features/events/EventsPage').then((m) => ({ default: m.EventsPage })));
const EventPage = lazy(() => import('./features/events/EventPage').then((m) => ({ default: m.EventPage })));

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
                <Route path="events" element={<Suspense fallback={<Loading />}><EventsPage /></Suspense>} />
                <Route path="events/:id" element={<Suspense fallback={<Loading />}><EventPage /></Suspense>} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
