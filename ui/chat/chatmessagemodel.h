#pragma once

#include "domain/change.h"
#include "domain/chat.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QUuid>
#include <QVariantList>

namespace tandem {

class BackgroundRunner;
class ChatService;
class TaskService;

// The messages of one conversation, oldest first. A thin adapter: the rows
// come from ChatService (loaded off the GUI thread) and follow its changed()
// signal. It also knows the titles of the tasks the assistant's messages
// touched (read from TaskService in the background and kept current), so a
// view can name them.
class ChatMessageModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        MessageIdRole = Qt::UserRole + 1, // QUuid
        SenderRole, // ChatRole as int
        CreatedAtRole, // QDateTime (UTC)
        ActionLabelsRole, // QStringList: one label per action, e.g. "Added “Buy milk”"
        ActionTaskIdsRole, // QVariantList of QUuid, one per action; null when there is no task to show
        ActionGoneRole, // QVariantList of bool, one per action: the task no longer exists
        TimeRole, // QString: the time of day in the locale's short format
        DaySeparatorRole, // QString: "Today", "Yesterday", a date; empty unless the first message of its day
    };

    // The newest messages a load shows.
    static constexpr int LoadLimit = 2'000;

    ChatMessageModel(ChatService &chats, TaskService &tasks, BackgroundRunner &runner, const QUuid &ownerId,
                     QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChatMessageModel)

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    QUuid sessionId() const { return m_sessionId; }
    // Shows another conversation (a null id shows none) and loads it in the
    // background.
    void setSessionId(const QUuid &sessionId);
    void reload();
    bool isLoading() const { return m_loading; }
    // The assistant's last message asks a yes/no question not answered yet
    // (it waits for a confirmation before changing several tasks).
    bool awaitsYesNo() const { return m_awaitsYesNo; }
    const ChatMessage &messageAt(int row) const { return m_rows.at(row).message; }

    // Applies a committed change (ignored unless a message of the shown
    // conversation, or that conversation's deletion).
    void applyChange(const Change &change);

Q_SIGNALS:
    // Fires when a load starts (true) and when its rows are in (false).
    void loadingChanged(bool loading);
    // A background load failed; the rows stay as they were.
    void loadFailed(const QString &message);
    // The shown conversation was deleted (here or elsewhere); the model is
    // empty and shows none now.
    void sessionRemoved(const QUuid &sessionId);
    // awaitsYesNo() changed: a question came, or was answered.
    void awaitsYesNoChanged(bool awaits);

private:
    struct TaskRef
    {
        QString title;
        bool exists = false;
    };
    struct Row
    {
        ChatMessage message;
        QStringList labels;
        QVariantList links;
        QVariantList gone;
    };
    struct Loaded
    {
        QList<ChatMessage> messages;
        QHash<QUuid, TaskRef> tasks;
        bool asksYesNo = false;
    };

    Row makeRow(const ChatMessage &message) const;
    void finishLoad(const Loaded &loaded);
    void append(const ChatMessage &message);
    void applyTaskChange(const Change &change);
    void fetchTitles(const QList<QUuid> &taskIds);
    void mergeTitles(const QHash<QUuid, TaskRef> &tasks);
    // Relabels the rows whose actions touch one of `taskIds`.
    void refreshRows(const QSet<QUuid> &taskIds);
    bool isRow(const QModelIndex &index) const;
    void setAwaitsYesNo(bool awaits);
    // Reads whether the conversation's assistant waits for a yes (after its reply came).
    void fetchQuestion();

    ChatService &m_chats;
    TaskService &m_tasks;
    BackgroundRunner &m_runner;
    QUuid m_ownerId;
    QUuid m_sessionId;
    QList<Row> m_rows;
    QSet<QUuid> m_ids; // the shown messages' ids
    QHash<QUuid, TaskRef> m_taskRefs; // the tasks the shown messages touched
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_awaitsYesNo = false;
    QList<Change> m_pending; // changes that arrived while a load was running
};

} // namespace tandem
