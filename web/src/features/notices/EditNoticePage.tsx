import { Anchor, Card, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { PNotice, TCreateNoticeRequest } from '../../../../common';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert, Loading } from '../../components/States';
import { NotFoundPage } from '../home/NotFoundPage';
import { useNotice, useSaveNotice, useSubmitSaved } from './api';
import { NoticeForm, draftOf } from './NoticeForm';
import { NoticePhotoEditor } from './NoticePhoto';

/** Reworks a draft or a refused request (only the requesting NCB: the page follows the notice's `edit` ability). */
export function EditNoticePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useNotice(id);
  const save = useSaveNotice();
  const submit = useSubmitSaved();
  // The notice as it was when the form opened: saving refreshes the cache, which must not reset or close the form.
  const [opened, setOpened] = useState<PNotice | null>(null);
  if (q.data && !opened) setOpened(q.data);
  if ((q.error instanceof ApiError && q.error.status === 404) || (opened && !opened.abilities.edit)) return <NotFoundPage />;
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!opened) return <Loading />;
  const onSave = async (body: TCreateNoticeRequest, then: 'stay' | 'submit') => {
    submit.reset();
    await save.mutateAsync({ id, body });
    if (then === 'submit') await submit.mutateAsync(id);
    await navigate(`/notices/${id}`);
  };
  return (
    <>
      <Anchor component={Link} to={`/notices/${id}`} size="sm">
        {t('notices.backToNotice')}
      </Anchor>
      <PageHeader title={t('notices.editTitle', { name: opened.name })} />
      <Card withBorder radius="md" padding="md" mb="md">
        <Title order={2} size="h4" mb="sm">
          {t('notices.photo.title')}
        </Title>
        <NoticePhotoEditor notice={q.data ?? opened} />
      </Card>
      <NoticeForm key={opened.id} initial={draftOf(opened)} saving={save.isPending || submit.isPending} error={save.error ?? submit.error} onSave={onSave} />
    </>
  );
}
