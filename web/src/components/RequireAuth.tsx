import { Center } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/session';
import { ErrorAlert, Loading } from './States';

/** Shows its children to a signed-in user; everyone else goes to the login page and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data, isPending, error } = useMe();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (error)
    return (
      <Center p="xl">
        <ErrorAlert error={error} />
      </Center>
    );
  if (!data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

/** A page the user's abilities do not open answers like a missing page, as the API does. */
export function RequireAbility({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  if (!allowed) return <Navigate to="/not-found" replace />;
  return <>{children}</>;
}
