import { ActionIcon, Badge, Button, Card, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ZCreateTaskRequest, type PAgencyRef, type PCase } from '../../../../common';
import { ErrorAlert } from '../../components/States';
import { IconPlus } from '../../components/icons';
import { fieldErrorsFromError, type FieldErrors } from '../../i18n/errors';
import { useFormat } from '../../i18n/format';
import { validate } from '../../i18n/validate';
import { useCasePeople, useCreateTask, useUpdateTask } from './api';
import { iso, OverdueBadge, personLabel } from './labels';

function NewTaskForm({ c, onDone }: { c: PCase; onDone: () => void }) {
  const { t } = useTranslation();
  const people = useCasePeople(c.id, true);
  const create = useCreateTask(c.id);
  const [title, setTitle] = useState('');
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const agencies = new Map(c.participants.map((p) => [p.agency.id, p.agency.name]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(t, ZCreateTaskRequest, { title, assigneeId: assigneeId ?? '', dueOn });
    setErrors(v.errors ?? {});
    if (v.data) create.mutate(v.data, { onSuccess: onDone, onError: (err) => setErrors(fieldErrorsFromError(t, err)) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('cases.newTask')}>
      <Stack gap="xs" p="sm" bg="gray.0" style={{ borderRadius: 8 }} mb="sm">
        <ErrorAlert error={create.error} />
        <TextInput label={t('cases.taskTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} data-autofocus />
        <Group grow align="flex-start">
          <Select
            label={t('cases.assignee')}
            data={(people.data?.assignees ?? []).map((p) => ({ value: p.id, label: p.agencyId === c.ownerAgency.id || !agencies.has(p.agencyId) ? p.displayName : `${p.displayName} · ${agencies.get(p.agencyId)}` }))}
            value={assigneeId}
            onChange={setAssigneeId}
            error={errors.assigneeId}
            searchable
          />
          <TextInput label={t('cases.dueOn')} type="date" value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={errors.dueOn} classNames={{ input: 'ltr-value' }} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" size="compact-sm" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" size="compact-sm" loading={create.isPending}>
            {t('cases.addTask')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Tasks with their assignee (by name only where the name is shared), due day and overdue flag. */
export function TasksCard({ c, agencies }: { c: PCase; agencies: Map<string, PAgencyRef> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const update = useUpdateTask(c.id);
  const [adding, setAdding] = useState(false);
  const overdue = c.tasks.filter((x) => x.overdue).length;
  return (
    <Card withBorder radius="md" padding="md" id="tasks">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={2}>{t('cases.tasks')}</Title>
          {overdue > 0 && <OverdueBadge count={overdue} />}
        </Group>
        {c.abilities.createTask && !adding && (
          <Tooltip label={t('cases.newTask')}>
            <ActionIcon variant="light" onClick={() => setAdding(true)} aria-label={t('cases.newTask')}>
              <IconPlus size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      {adding && <NewTaskForm c={c} onDone={() => setAdding(false)} />}
      <ErrorAlert error={update.error} />
      {c.tasks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cases.noTasks')}
        </Text>
      ) : (
        <Table verticalSpacing={8} aria-label={t('cases.tasks')}>
          <Table.Tbody>
            {c.tasks.map((task) => (
              <Table.Tr key={task.id} id={`task-${task.id}`} data-testid="task-row" bg={task.overdue ? 'red.0' : undefined}>
                <Table.Td w={36}>
                  <Checkbox
                    aria-label={task.status === 'done' ? t('cases.reopenTask', { title: task.title }) : t('cases.completeTask', { title: task.title })}
                    checked={task.status === 'done'}
                    disabled={!(task.status === 'done' ? task.abilities.reopen : task.abilities.complete) || update.isPending}
                    onChange={(e) => update.mutate({ taskId: task.id, status: e.currentTarget.checked ? 'done' : 'open' })}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500} td={task.status === 'done' ? 'line-through' : undefined} c={task.status === 'done' ? 'dimmed' : undefined}>
                    <bdi>{task.title}</bdi>
                  </Text>
                  <Text size="xs" c="dimmed">
                    {iso(personLabel(t, task.assignee, agencies))}
                    {task.assignee.name && task.assignee.agencyId !== c.ownerAgency.id ? ` · ${iso(agencies.get(task.assignee.agencyId)?.name ?? '')}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td w={150}>
                  <Group gap={6} justify="flex-end" wrap="nowrap">
                    {task.overdue && <OverdueBadge />}
                    <Badge size="sm" variant={task.overdue ? 'light' : 'default'} color={task.overdue ? 'red' : 'gray'} className="nowrap" radius="sm">
                      {f.date(`${task.dueOn}T12:00:00Z`)}
                    </Badge>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
