import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TCreateNoticeRequest } from '../../../../common';
import { PageHeader } from '../../components/PageHeader';
import { useCreateNotice, useSubmitSaved } from './api';
import { EMPTY_DRAFT, NoticeForm } from './NoticeForm';

/** A new request for a notice or a diffusion, saved as a draft of the user's NCB (the server checks who may). */
export function NewNoticePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateNotice();
  const submit = useSubmitSaved();
  const onSave = async (body: TCreateNoticeRequest, then: 'stay' | 'submit') => {
    const r = await create.mutateAsync(body);
    // The draft is saved whatever happens next: a refused submit shows on the notice page, nothing typed is lost.
    if (then === 'submit') await submit.mutateAsync(r.notice.id).catch(() => undefined);
    await navigate(`/notices/${r.notice.id}`);
  };
  return (
    <>
      <PageHeader title={t('notices.newTitle')} description={t('notices.newIntro')} />
      <NoticeForm initial={EMPTY_DRAFT} saving={create.isPending || submit.isPending} error={create.error} onSave={onSave} />
    </>
  );
}
