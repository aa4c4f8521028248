import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PNoticeEvent } from '../../../../common';
import { useFormat } from '../../i18n/format';
import { isolate } from './labels';

const DOT: Record<string, string> = { drafted: 'gray', edited: 'gray', submitted: 'blue', returned: 'orange', approved: 'teal', approved_published: 'teal', published: 'teal', reviewed: 'teal', refused: 'red', suspend: 'orange', suspended: 'orange', reinstated: 'teal', withdrawn: 'gray', cancelled: 'red', expired: 'gray' };

/** Every step of the notice: what happened, who did it for which agency, when, and why. */
export function NoticeHistory({ events }: { events: PNoticeEvent[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Timeline active={events.length - 1} bulletSize={14} lineWidth={2}>
      {events.map((e, i) => (
        <Timeline.Item key={i} color={DOT[e.action] ?? 'navy'} title={t(`notices.event.${e.action}`, { defaultValue: t(`notices.state.${e.toState}`) })}>
          <Text size="xs" c="dimmed">
            {[e.actor.name, e.actor.agencyName].filter((x): x is string => Boolean(x)).map(isolate).join(' · ') || t('notices.system')}
            {' · '}
            {f.dateTime(e.at)}
          </Text>
          {e.reason && (
            <Text size="sm" dir="auto" mt={2}>
              {t('notices.reasonWas', { reason: isolate(e.reason) })}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
