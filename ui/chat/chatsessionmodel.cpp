#include "chatsessionmodel.h"

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
    case Qt::ToolTipRole:
        return tr("%1\nLast message: %2")
            .arg(session.title, QLocale().toString(session.updatedAt.toLocalTime(), QLocale::ShortFormat));
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
        this, [service, owner] { return service->sessions(owner); },
        [this, generation](const Result<QList<ChatSession>> &result) {
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

void ChatSessionModel::finishLoad(const QList<ChatSession> &sessions)
{
    beginResetModel();
    m_rows = sessions;
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
    const ChatSession *session = change.session();
    if (!session || change.ownerId != m_ownerId)
        return;
    if (m_loading) {
        m_pending.append(change);
        return;
    }
    const auto known = m_revisions.constFind(session->id);
    if (known != m_revisions.cend() && known.value() >= session->revision)
        return;
    m_revisions.insert(session->id, session->revision);

    const int oldRow = rowOf(session->id);
    if (session->isDeleted()) {
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
