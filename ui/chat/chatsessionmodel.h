#pragma once

#include "domain/change.h"
#include "domain/chat.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QUuid>

namespace tandem {

class BackgroundRunner;
class ChatService;

// The owner's conversations, most recently active first. A thin adapter: the
// rows come from ChatService (loaded off the GUI thread) and follow its
// changed() signal; a rename is requested through a signal, never written here.
class ChatSessionModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        SessionIdRole = Qt::UserRole + 1, // QUuid
        RevisionRole, // qint64
        UpdatedAtRole, // QDateTime (UTC): the raw sort key
        PreviewRole, // QString: the last message, on one line (empty when none)
        LastActivityRole, // QString: "Today 14:05", "Yesterday", a date
    };

    // How much of the last message a row keeps for its preview.
    static constexpr int PreviewChars = 160;

    ChatSessionModel(ChatService &service, BackgroundRunner &runner, const QUuid &ownerId, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChatSessionModel)

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Editing a title asks for a rename; the row changes when the committed
    // change comes back.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    void reload();
    bool isLoading() const { return m_loading; }
    bool hasLoaded() const { return m_loaded; }
    const ChatSession &sessionAt(int row) const { return m_rows.at(row); }
    int rowOf(const QUuid &sessionId) const;
    QModelIndex indexOf(const QUuid &sessionId) const;

    // Applies a committed change (ignored unless a conversation of this
    // owner newer than what the model shows).
    void applyChange(const Change &change);

Q_SIGNALS:
    // The user edited a conversation's title.
    void renameRequested(const QUuid &sessionId, const QString &title);
    // Fires when a load starts (true) and when its rows are in (false).
    void loadingChanged(bool loading);
    // A background load failed; the rows stay as they were.
    void loadFailed(const QString &message);

private:
    struct Loaded
    {
        QList<ChatSession> sessions;
        QHash<QUuid, QString> previews;
    };

    void finishLoad(const Loaded &loaded);
    void applyMessage(const ChatMessage &message);
    int insertionRow(const ChatSession &session) const;
    bool isRow(const QModelIndex &index) const;

    ChatService &m_service;
    BackgroundRunner &m_runner;
    QUuid m_ownerId;
    QList<ChatSession> m_rows;
    QHash<QUuid, qint64> m_revisions; // every conversation seen, deleted or not, by id
    QHash<QUuid, QString> m_previews; // each conversation's last message, on one line
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_loaded = false;
    QList<Change> m_pending; // changes that arrived while a load was running
};

} // namespace tandem
