// Changes in the outbox (made while the socket was away, or not yet
// acknowledged) laid over the tasks the server last listed, so the page shows
// them at once, marked as pending. When the server has them it lists them
// itself (a created task keeps the id the page gave it) and the outbox entry
// is gone: nothing is shown twice.

// tasks: the server's list for the view; outbox: Live's entries in order.
// view.list is the smart list shown ('completed' shows only done tasks).
export function withPending(tasks, outbox, view) {
  const byId = new Map(tasks.map((task) => [task.id, { ...task }]));
  const order = tasks.map((task) => task.id);
  for (const entry of outbox) {
    if (entry.type === 'task_create') {
      const task = entry.data.task;
      if (byId.has(task.id) || view.tag || view.list === 'completed') continue;
      byId.set(task.id, {
        description: '', status: 'pending', priority: 'none', tags: [], due: null, ...task,
      });
      order.unshift(task.id);
    } else if (entry.type === 'task_update' && byId.has(entry.data.id)) {
      const task = byId.get(entry.data.id);
      const changes = { ...entry.data.changes };
      // Completing a repeating task moves its due on (the server's rule): until
      // it answers, the row stays open and shows it is waiting.
      if (task.repeat && changes.status === 'completed') delete changes.status;
      Object.assign(task, changes);
    } else if (entry.type === 'task_delete') {
      byId.delete(entry.data.id);
      continue;
    } else {
      continue;
    }
    const id = entry.type === 'task_create' ? entry.data.task.id : entry.data.id;
    if (byId.has(id)) byId.get(id).pending = true;
  }
  return order.filter((id) => byId.has(id)).map((id) => byId.get(id));
}
