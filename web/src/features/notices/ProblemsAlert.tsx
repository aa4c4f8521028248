import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/States';

/** An API error; when the server names what is missing (a step refused for incomplete data), each point is listed. */
export function ProblemsAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const details = error instanceof ApiError && Array.isArray(error.details) ? (error.details as { message?: unknown }[]).filter((d) => typeof d?.message === 'string') : [];
  if (!error) return null;
  if (details.length === 0) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" title={t('notices.problems')} role="alert">
      <List size="sm">
        {details.map((d, i) => (
          <List.Item key={i}>{String(d.message)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
