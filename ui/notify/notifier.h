#pragma once

#include <QObject>
#include <QString>
#include <QUuid>

namespace tandem {

// Shows a desktop notification about a task and says when the user clicks it.
class Notifier : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    Q_DISABLE_COPY_MOVE(Notifier)

    // Shows `summary` and `body`; clicking it emits activated(taskId).
    virtual void notify(const QUuid &taskId, const QString &summary, const QString &body) = 0;

Q_SIGNALS:
    // The user clicked the notification for `taskId`; nothing else is open afterwards.
    void activated(const QUuid &taskId);
};

} // namespace tandem
