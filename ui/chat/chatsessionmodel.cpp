#include "chatsessionmodel.h"

#include "chat/chattime.h"
#include "common/backgroundrunner.h"
#include "services/chatservice.h"

#include <QLocale>

#include <algorithm>

namespace tandem {

namespace {

// The store's order: ORDER BY updated_at DESC, created_at DESC, id.
bool moreRecent(const ChatSession &a, const ChatSession &b)
{
    if (a.updatedAt != b.updatedAt)
        return a.updatedAt > b.updatedAt;
    if (a.createdAt != b.createdAt)
        return a.createdAt > b.createdAt;
    return a.id.toString(QUuid::WithoutBraces) < b.id.toString(QUuid::WithoutBraces);
}

QString previewOf(const QString &content)
{
    QString line = content.left(ChatSessionModel::PreviewChars * 2).simplified();
    if (line.size() > ChatSessionModel::PreviewChars)
        line = line.left(ChatSessionModel::PreviewChars - 1) + u'…';
    return line;
}

} // namespace

ChatSessionModel::ChatSessionModel(ChatService &service, BackgroundRunner &runner, const QUuid &ownerId,
                                   QObject *parent)
    : QAbstractListModel(parent)
    , m_service(service)
    , m_runner(runner)
    , m_ownerId(ownerId)
{
    connect(&m_service, &ChatService::changed, this, &ChatSessionModel::applyChange);
}

bool ChatSessionModel::isRow(const QModelIndex &index) const
{
    return index.isValid() && index.model() == this && !index.parent().isValid() && index.column() == 0
        && index.row() < m_rows.size();
}

int ChatSessionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ChatSessionModel::data(const QModelIndex &index, int role) const
{
    if (!isRow(index))
        return {};
    const ChatSession &session = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return session.title;
    case Qt::ToolTipRole: {
        const QString when = QLocale().toString(session.updatedAt.toLocalTime(), QLocale::ShortFormat);
        const QString preview = m_previews.value(session.id);
        return preview.isEmpty() ? tr("%1\nLast activity: %2").arg(session.title, when)
                                 : tr("%1\n%2\nLast activity: %3").arg(session.title, preview, when);
    }
    case Qt::AccessibleTextRole: {
        const QString preview = m_previews.value(session.id);
        const QString when = chattime::lastActivity(session.updatedAt, QDateTime::currentDateTime());
        return preview.isEmpty() ? tr("%1, %2").arg(session.title, when)
                                 : tr("%1, %2: %3").arg(session.title, when, preview);
    }
    case PreviewRole:
        return m_previews.value(session.id);
    case LastActivityRole:
        return chattime::lastActivity(session.updatedAt, QDateTime::currentDateTime());
    case SessionIdRole:
        return session.id;
    case RevisionRole:
        return session.revision;
    case UpdatedAtRole:
        return session.updatedAt;
    default:
        return {};
    }
}

Qt::ItemFlags ChatSessionModel::flags(const QModelIndex &index) const
{
    if (!isRow(index))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

bool ChatSessionModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !isRow(index))
        return false;
    const QString title = value.toString().trimmed();
    const ChatSession &session = m_rows.at(index.row());
    if (title.isEmpty() || title == session.title)
        return false;
    Q_EMIT renameRequested(session.id, title);
    return true;
}

int ChatSessionModel::rowOf(const QUuid &sessionId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == sessionId)
            return row;
    }
    return -1;
}

QModelIndex ChatSessionModel::indexOf(const QUuid &sessionId) const
{
    const int row = rowOf(sessionId);
    return row < 0 ? QModelIndex() : index(row, 0);
}

void ChatSessionModel::reload()
{
    const quint64 generation = ++m_generation;
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    m_pending.clear();
    ChatService *service = &m_service;
    const QUuid owner = m_ownerId;
    m_runner.run(
        this,
        [service, owner]() -> Result<Loaded> {
            auto sessions = service->sessions(owner);
            if (!sessions)
                return sessions.error();
            Loaded loaded;
            loaded.sessions = std::move(sessions).value();
            for (const ChatSession &session : std::as_const(loaded.sessions)) {
                const auto last = service->messages(owner, session.id, 1);
                if (last && !last->isEmpty())
                    loaded.previews.insert(session.id, previewOf(last->constLast().content));
            }
            return loaded;
        },
        [this, generation](const Result<Loaded> &result) {
            if (generation != m_generation)
                return; // a newer load is on its way
            if (!result) {
                m_loading = false;
                Q_EMIT loadingChanged(false);
                Q_EMIT loadFailed(tr("Could not load the chats: %1").arg(result.error().message));
                return;
            }
            finishLoad(result.value());
        });
}

void ChatSessionModel::finishLoad(const Loaded &loaded)
{
    beginResetModel();
    m_rows = loaded.sessions;
    m_previews = loaded.previews;
    if (!std::is_sorted(m_rows.cbegin(), m_rows.cend(), moreRecent))
        std::sort(m_rows.begin(), m_rows.end(), moreRecent);
    m_revisions.clear();
    for (const ChatSession &session : std::as_const(m_rows))
        m_revisions.insert(session.id, session.revision);
    endResetModel();
    m_loading = false;
    m_loaded = true;
    // Changes that committed while the load ran; the revisions drop the ones
    // the load already saw.
    const QList<Change> pending = std::exchange(m_pending, {});
    for (const Change &change : pending)
        applyChange(change);
    Q_EMIT loadingChanged(false);
}

int ChatSessionModel::insertionRow(const ChatSession &session) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), session, moreRecent);
    return int(it - m_rows.cbegin());
}

void ChatSessionModel::applyChange(const Change &change)
{
    if (change.ownerId != m_ownerId)
        return;
    const ChatMessage *message = change.message();
    const ChatSession *session = change.session();
    if (!session && !message)
        return;
    if (m_loading) {
        m_pending.append(change);
        return;
    }
    if (message) {
        applyMessage(*message);
        return;
    }
    const auto known = m_revisions.constFind(session->id);
    if (known != m_revisions.cend() && known.value() >= session->revision)
        return;
    m_revisions.insert(session->id, session->revision);

    const int oldRow = rowOf(session->id);
    if (session->isDeleted()) {
        m_previews.remove(session->id);
        if (oldRow >= 0) {
            beginRemoveRows({}, oldRow, oldRow);
            m_rows.removeAt(oldRow);
            endRemoveRows();
        }
        return;
    }
    if (oldRow < 0) {
        const int row = insertionRow(*session);
        beginInsertRows({}, row, row);
        m_rows.insert(row, *session);
        endInsertRows();
        return;
    }
    const ChatSession previous = m_rows.takeAt(oldRow);
    const int newRow = insertionRow(*session);
    m_rows.insert(oldRow, previous);
    if (newRow == oldRow) {
        m_rows[oldRow] = *session;
        const QModelIndex changed = index(oldRow, 0);
        Q_EMIT dataChanged(changed, changed);
        return;
    }
    // Qt's move destination counts rows before the move.
    beginMoveRows({}, oldRow, oldRow, {}, newRow > oldRow ? newRow + 1 : newRow);
    m_rows.removeAt(oldRow);
    m_rows.insert(newRow, *session);
    endMoveRows();
    const QModelIndex moved = index(newRow, 0);
    Q_EMIT dataChanged(moved, moved);
}

} // namespace tandem

namespace tandem {

void ChatSessionModel::applyMessage(const ChatMessage &message)
{
    // The message's change comes before its session's (which moves the row).
    m_previews.insert(message.sessionId, previewOf(message.content));
    const int row = rowOf(message.sessionId);
    if (row < 0)
        return;
    const QModelIndex changed = index(row, 0);
    Q_EMIT dataChanged(changed, changed, {PreviewRole, Qt::ToolTipRole, Qt::AccessibleTextRole});
}

} // namespace tandem
