import { Badge, NavLink, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { useSession } from '../api/session';
import { useInboxUnread } from '../features/messages/api';
import { IconEye, IconKey, IconMail } from '../features/messages/icons';
import { useUnreadCount } from '../features/notifications/api';
import { useFormat } from '../i18n/format';
import { IconStadium } from '../features/events/icons';
import { IconList, IconScreening } from '../features/screening/icons';
import { IconHit, IconNotice } from '../features/notices/icons';
import { IconDocAlert, IconPassport } from '../features/documents/icons';
import { IconAudit, IconBell, IconBriefcase, IconDesk, IconHandshake, IconHome, IconSettings, IconUsers, IconWorld } from './icons';

interface Item {
  to: string;
  label: string;
  icon: ReactNode;
  ability?: string;
  badge?: number;
  /** The badge's count is a floor (the server stops counting there): shown as "999+". */
  more?: boolean;
}

/** The side navigation: only what the server's abilities allow this user. */
export function MainNav() {
  const { t } = useTranslation();
  const me = useSession();
  const unread = useUnreadCount();
  const inbox = useInboxUnread(me.permissions.includes('case.work'));
  const { pathname } = useLocation();
  const f = useFormat();

  const work: Item[] = [
    { to: '/', label: t('nav.home'), icon: <IconHome /> },
    { to: '/notifications', label: t('nav.notifications'), icon: <IconBell />, badge: unread },
    ...(me.permissions.includes('case.work') ? [{ to: '/messages', label: t('nav.inbox'), icon: <IconMail />, badge: inbox.unread, more: inbox.more }] : []),
    ...(me.permissions.includes('desk.red-readers') ? [{ to: '/red-readers', label: t('nav.redReaders'), icon: <IconEye /> }] : []),
    ...(me.permissions.includes('case.work') || me.permissions.includes('notice.approve') ? [{ to: '/permissions', label: t('onward.nav'), icon: <IconKey /> }] : []),
    ...(me.abilities.workCases === true ? [{ to: '/cases', label: t('nav.cases'), icon: <IconBriefcase /> }] : []),
    ...(me.abilities.readPartnerships === true ? [{ to: '/partnerships', label: t('nav.partnerships'), icon: <IconHandshake /> }] : []),
    ...(me.abilities.screen === true ? [{ to: '/screening', label: t('nav.screening'), icon: <IconScreening /> }] : []),
    // Notices: whoever screens against them, approves them or reviews them; the server answers each list by its own rules.
    ...(me.abilities.notices === true ? [{ to: '/notices', label: t('notices.nav'), icon: <IconNotice /> }] : []),
    ...(me.abilities.screen === true ? [{ to: '/hits', label: t('hits.nav'), icon: <IconHit /> }] : []),
    ...(me.permissions.includes('screening.run') ? [{ to: '/documents/check', label: t('documents.nav.check'), icon: <IconPassport /> }] : []),
    ...(me.permissions.includes('document.register') ? [{ to: '/documents/registry', label: t('documents.nav.registry'), icon: <IconDocAlert /> }] : []),
    // Major events: every agency's staff (the server lists only the events of their committees); not the platform operator.
    ...(me.user.roles.some((r) => r !== 'platform-admin') ? [{ to: '/events', label: t('events.nav'), icon: <IconStadium /> }] : []),
  ];
  const admin: Item[] = [
    { to: '/admin/users', label: t('nav.users'), icon: <IconUsers />, ability: 'manageUsers' },
    { to: '/admin/desks', label: t('nav.desks'), icon: <IconDesk />, ability: 'manageDesks' },
    { to: '/admin/agencies', label: t('nav.agencies'), icon: <IconWorld />, ability: 'manageAgencies' },
    { to: '/admin/watchlists', label: t('nav.watchlists'), icon: <IconList />, ability: 'manageWatchlists' },
    { to: '/audit', label: t('nav.audit'), icon: <IconAudit />, ability: 'readAudit' },
  ].filter((i) => me.abilities[i.ability] === true);
  const personal: Item[] = [{ to: '/account', label: t('nav.account'), icon: <IconSettings /> }];

  const render = (items: Item[]) =>
    items.map((i) => (
      <NavLink
        key={i.to}
        component={RouterLink}
        to={i.to}
        end={i.to === '/'}
        label={i.label}
        leftSection={i.icon}
        active={i.to === '/' ? pathname === '/' : pathname.startsWith(i.to)}
        rightSection={
          i.badge ? (
            <Badge size="xs" circle={!i.more} aria-label={t('nav.unread', { n: `${f.number(i.badge)}${i.more ? '+' : ''}` })}>
              {f.number(i.badge)}
              {i.more ? '+' : ''}
            </Badge>
          ) : undefined
        }
        styles={{ root: { borderRadius: 6 } }}
      />
    ));

  return (
    <Stack gap={2}>
      {render(work)}
      {admin.length > 0 && (
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
          {t('nav.administration')}
        </Text>
      )}
      {render(admin)}
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
        {t('nav.personal')}
      </Text>
      {render(personal)}
    </Stack>
  );
}
