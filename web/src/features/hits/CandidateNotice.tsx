import { Alert, Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PCandidate } from '../../../../common';
import { IconAlert } from '../../components/icons';
import { ColourBadge, StateBadge } from '../notices/labels';

/**
 * Under a screening candidate that is a notice: its colour and CURRENT status, the arrest alert only when the server
 * raised one, and the link to review the recorded hit.
 */
export function CandidateNotice({ c }: { c: PCandidate }) {
  const { t } = useTranslation();
  const n = c.notice;
  const lapsed = n !== undefined && n.state !== 'published';
  return (
    <Group gap="xs" mt={6} wrap="wrap" data-candidate-notice={n?.id}>
      {n && <ColourBadge colour={n.colour} size="sm" />}
      {n && <StateBadge state={n.state} size="sm" />}
      {n && (
        <Anchor component={Link} to={`/notices/${n.id}`} size="xs">
          {n.reference ?? t(`notices.kind.${n.kind}`)}
        </Anchor>
      )}
      {lapsed && (
        <Text size="xs" c="dimmed" td="line-through" data-no-arrest>
          {t('hits.noArrest', { state: t(`notices.state.${n.state}`) })}
        </Text>
      )}
      {c.hitId && (
        <Anchor component={Link} to={`/hits/${c.hitId}`} size="sm" fw={600}>
          {t('hits.reviewHit')}
        </Anchor>
      )}
      {c.arrestAlert && (
        <Alert color="red" variant="filled" icon={<IconAlert />} p={6} w="100%" data-arrest-alert>
          {t('hits.arrestTitle')}
        </Alert>
      )}
    </Group>
  );
}
