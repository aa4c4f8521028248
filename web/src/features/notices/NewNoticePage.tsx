import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TCreateNoticeRequest } from '../../../../common';
import { PageHeader } from '../../components/PageHeader';
import { useSaveNotice, useSubmitSaved } from './api';
import { EMPTY_DRAFT, NoticeForm } from './NoticeForm';

/** A new request for a notice or a diffusion, saved as a draft of the user's NCB (the server checks who may). */
export function NewNoticePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveNotice();
  const submit = useSubmitSaved();
  // Once saved, the form edits that draft: a refused submit keeps the user here with the reasons on the fields.
  const [savedId, setSavedId] = useState<string | null>(null);
  const onSave = async (body: TCreateNoticeRequest, then: 'stay' | 'submit') => {
    submit.reset();
    const r = await save.mutateAsync({ id: savedId, body });
    setSavedId(r.notice.id);
    if (then === 'submit') await submit.mutateAsync(r.notice.id);
    await navigate(`/notices/${r.notice.id}`);
  };
  return (
    <>
      <PageHeader title={t('notices.newTitle')} description={t('notices.newIntro')} />
      <Text size="sm" c="dimmed" mb="sm">
        {t('notices.photo.afterSave')}
      </Text>
      <NoticeForm initial={EMPTY_DRAFT} saving={save.isPending || submit.isPending} error={save.error ?? submit.error} onSave={onSave} />
    </>
  );
}
