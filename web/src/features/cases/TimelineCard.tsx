import { Anchor, Card, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PAgencyRef, PCase, PCaseEvent } from '../../../../common';
import { IconBriefcase, IconCheck, IconClock, IconHandshake, IconUsers } from '../../components/icons';
import { useFormat } from '../../i18n/format';
import { eventText } from './labels';

const ICONS: Record<string, React.ReactNode> = {
  case: <IconBriefcase size={12} />,
  participant: <IconHandshake size={12} />,
  member: <IconUsers size={12} />,
  task: <IconCheck size={12} />,
};

/** Where an entry's object is on the page (its link). */
function anchorOf(e: PCaseEvent): string {
  switch (e.object.type) {
    case 'task':
      return `#task-${e.object.id}`;
    case 'participant':
      return `#participant-${e.object.id}`;
    case 'member':
      return `#member-${e.object.id}`;
    default:
      return '#summary';
  }
}

/** Everything that happened in the case, newest first, each entry linked to its object. */
export function TimelineCard({ c, agencies }: { c: PCase; agencies: Map<string, PAgencyRef> }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder radius="md" padding="md" id="timeline">
      <Title order={2} mb="md">
        {t('cases.timeline')}
      </Title>
      <Timeline bulletSize={22} lineWidth={2} active={c.timeline.length}>
        {c.timeline.map((e) => (
          <Timeline.Item key={e.id} bullet={ICONS[e.object.type] ?? <IconClock size={12} />} data-testid="timeline-entry">
            <Anchor href={anchorOf(e)} size="sm" c="inherit" underline="hover">
              {eventText(t, e, agencies)}
            </Anchor>
            <Text size="xs" c="dimmed" mt={2} title={f.dateTime(e.at)}>
              {f.dateTime(e.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
