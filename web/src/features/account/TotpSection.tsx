import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ME_KEY, useSession } from '../../api/session';
import { RecoveryCodes } from './RecoveryCodes';
import { Section } from './Section';
import { TotpDisable } from './TotpDisable';
import { TotpEnrol } from './TotpEnrol';

/** Second factor: set up with an authenticator app, keep the recovery codes, or turn it off. */
export function TotpSection() {
  const { t } = useTranslation();
  const me = useSession();
  const qc = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);

  const finish = () => {
    setCodes(null);
    void qc.invalidateQueries({ queryKey: ME_KEY });
  };

  let body;
  if (codes) {
    body = <RecoveryCodes codes={codes} onDone={finish} />;
  } else if (enrolling) {
    body = (
      <TotpEnrol
        onCancel={() => setEnrolling(false)}
        onConfirmed={(c) => {
          setEnrolling(false);
          setCodes(c);
        }}
      />
    );
  } else if (me.user.totpEnabled) {
    body = <TotpDisable onDisabled={() => void qc.invalidateQueries({ queryKey: ME_KEY })} />;
  } else {
    body = (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('account.totpOffText')}</Text>
        <Button onClick={() => setEnrolling(true)}>{t('account.totpSetup')}</Button>
      </Stack>
    );
  }

  return (
    <Section title={t('account.totpTitle')} description={t('account.totpIntro')}>
      <Stack gap="sm">
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {t('account.status')}:
          </Text>
          <Badge color={me.user.totpEnabled ? 'teal' : 'yellow'} variant="light" radius="sm">
            {me.user.totpEnabled ? t('account.totpOn') : t('account.totpOff')}
          </Badge>
        </Group>
        {body}
      </Stack>
    </Section>
  );
}
