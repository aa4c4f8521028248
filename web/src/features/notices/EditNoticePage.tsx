import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { TCreateNoticeRequest } from '../../../../common';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert, Loading } from '../../components/States';
import { NotFoundPage } from '../home/NotFoundPage';
import { useNotice, useSubmitSaved, useUpdateNotice } from './api';
import { NoticeForm, draftOf } from './NoticeForm';

/** Reworks a draft or a refused request (only the requesting NCB: the page follows the notice's `edit` ability). */
export function EditNoticePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useNotice(id);
  const update = useUpdateNotice(id);
  const submit = useSubmitSaved();
  if ((q.error instanceof ApiError && q.error.status === 404) || (q.data && !q.data.abilities.edit)) return <NotFoundPage />;
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const onSave = async (body: TCreateNoticeRequest, then: 'stay' | 'submit') => {
    await update.mutateAsync(body);
    if (then === 'submit') await submit.mutateAsync(id).catch(() => undefined);
    await navigate(`/notices/${id}`);
  };
  return (
    <>
      <Anchor component={Link} to={`/notices/${id}`} size="sm">
        {t('notices.backToNotice')}
      </Anchor>
      <PageHeader title={t('notices.editTitle', { name: q.data.name })} />
      <NoticeForm key={q.data.id} initial={draftOf(q.data)} saving={update.isPending || submit.isPending} error={update.error} onSave={onSave} />
    </>
  );
}
