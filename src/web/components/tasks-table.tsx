import { useTranslation } from 'react-i18next';
import type { TaskOut } from '../../areas/tasks/schema.ts';
import { type QueryOf, client, ok } from '../api.ts';
import { format } from '../i18n.ts';
import { useNameOf } from '../people.ts';
import { usePracticeLabels } from '../practices.ts';
import { useAction } from '../use-action.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { ErrorNote, Loading } from './notes.tsx';

/**
 * Tasks with who gave them, owner, unit, due date and status; the owner (or a leader, commander)
 * marks them done.
 */
export function TasksTable({ tasks, onChanged }: { tasks: TaskOut[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { user, hasRole } = useSession();
  const l = usePracticeLabels();
  const action = useAction();
  if (tasks.length === 0) return <p className="muted">{t('No tasks.')}</p>;
  const mayChange = (task: TaskOut) => task.owner === user?.username || hasRole('leader', 'commander');
  return (
    <>
      <ErrorNote error={action.error} />
      <table className="tasks">
        <thead>
          <tr>
            <th scope="col">{t('Task')}</th>
            <th scope="col">{t('From')}</th>
            <th scope="col">{t('Owner')}</th>
            <th scope="col">{t('Unit')}</th>
            <th scope="col">{t('Due')}</th>
            <th scope="col">{t('Status')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id} data-task={task.id}>
              <td>{task.title}</td>
              <td data-testid="task-from">
                {nameOf(task.assignedBy)}
                {task.assignedFrom && <span className="muted"> · {task.assignedFrom.name}</span>}
              </td>
              <td>{task.ownerName ?? task.owner}</td>
              <td>{task.unit.name}</td>
              <td>{format.date(task.dueOn)}</td>
              <td>
                <span
                  className={`badge ${task.overdue ? 'zero' : task.status === 'done' ? 'onTrack' : 'none'}`}
                >
                  {task.overdue ? t('Overdue') : l.taskStatus[task.status]}
                </span>
              </td>
              <td>
                {task.status === 'open' && mayChange(task) && (
                  <button
                    type="button"
                    disabled={action.busy}
                    onClick={() =>
                      void action
                        .run(() =>
                          ok(
                            client.POST('/api/tasks/{id}', {
                              params: { path: { id: task.id } },
                              body: { status: 'done' },
                            }),
                          ),
                        )
                        .then((ok) => ok && onChanged())
                    }
                  >
                    {t('Mark done')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The open tasks of a unit (its subtree) or of an owner, as a panel (unit and leader pages). */
function TasksPanel({ query, title }: { query: QueryOf<'/api/tasks'>; title: string }) {
  const tasks = useGet('/api/tasks', { params: { query } });
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <ErrorNote error={tasks.error} />
      {tasks.data ? <TasksTable tasks={tasks.data.tasks} onChanged={tasks.reload} /> : <Loading />}
    </section>
  );
}

export function OwnerTasks({ owner }: { owner: string }) {
  const { t } = useTranslation();
  return <TasksPanel query={{ status: 'open', owner }} title={t('Open tasks')} />;
}

export function UnitTasks({ unit }: { unit: string }) {
  const { t } = useTranslation();
  return <TasksPanel query={{ status: 'open', unit }} title={t("The unit's open tasks")} />;
}
