import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { BatchScreening } from './BatchScreening';
import { IconList, IconScreening } from './icons';
import { SingleScreening } from './SingleScreening';

/** Screening: one name in any script, or a whole list, against the watchlists; every score explained. */
export function ScreeningPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'lists' ? 'lists' : 'name';
  return (
    <RequireAbility allowed={me.abilities.screen === true}>
      <PageHeader title={t('screening.title')} description={t('screening.intro')} />
      <Tabs value={tab} onChange={(v) => setParams(v === 'lists' ? { tab: 'lists' } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="name" leftSection={<IconScreening size={16} />}>{t('screening.tabName')}</Tabs.Tab>
          <Tabs.Tab value="lists" leftSection={<IconList size={16} />}>{t('screening.tabList')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="name"><SingleScreening /></Tabs.Panel>
        <Tabs.Panel value="lists"><BatchScreening /></Tabs.Panel>
      </Tabs>
    </RequireAbility>
  );
}
