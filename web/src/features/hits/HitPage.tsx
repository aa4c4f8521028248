import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert, Loading } from '../../components/States';
import { NotFoundPage } from '../home/NotFoundPage';
import { ApiError } from '../../api/client';
import { useHit } from './api';
import { HitCard } from './HitCard';

/** One hit, to review and decide. */
export function HitPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const hit = useHit(id);
  if (hit.error instanceof ApiError && hit.error.status === 404) return <NotFoundPage />;
  return (
    <>
      <Anchor component={Link} to="/hits" size="sm">
        {t('hits.back')}
      </Anchor>
      <PageHeader title={hit.data ? t('hits.oneTitle', { name: hit.data.matchedName }) : t('hits.title')} />
      {hit.isPending ? <Loading /> : hit.error ? <ErrorAlert error={hit.error} /> : <HitCard hit={hit.data} />}
    </>
  );
}
