import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { LanguageSection } from './LanguageSection';
import { PasswordSection } from './PasswordSection';
import { TokensSection } from './TokensSection';
import { TotpSection } from './TotpSection';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.intro')} />
      <Stack gap="md">
        <LanguageSection />
        <PasswordSection />
        <TotpSection />
        {me.abilities.manageTokens === true && <TokensSection />}
      </Stack>
    </>
  );
}
