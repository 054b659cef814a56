#include "smartlistcounts.h"

#include <QTimeZone>
#include <QTimer>

#include <algorithm>

namespace tandem {

namespace {
constexpr int recountMs = 60'000;
} // namespace

SmartListCounts::SmartListCounts(TaskReplica &replica, QObject *parent)
    : QObject(parent)
    , m_replica(replica)
{
    m_clock = new QTimer(this);
    m_clock->setInterval(recountMs);
    connect(m_clock, &QTimer::timeout, this, [this] { recount(); });
    m_clock->start();
    connect(&m_replica, &TaskReplica::resetDone, this, [this] { recount(); });
    connect(&m_replica, &TaskReplica::taskAboutToChange, this,
            [this](const TaskReplica::Entry &entry) { add(entry, -1); });
    connect(&m_replica, &TaskReplica::taskChanged, this, [this](const QUuid &, const TaskReplica::Entry *entry) {
        if (entry)
            add(*entry, +1);
        Q_EMIT changed();
    });
    recount();
}

SmartListCounts::~SmartListCounts() = default;

void SmartListCounts::compile(const QDateTime &now)
{
    m_matchers.clear();
    for (const SmartList list : allSmartLists)
        m_matchers.emplace_back(smartListQuery(list, now, QTimeZone::systemTimeZone()));
}

void SmartListCounts::recount(const QDateTime &now)
{
    compile(now.isValid() ? now : QDateTime::currentDateTimeUtc());
    m_counts.fill(0);
    m_tags.clear();
    for (int slot = 0; slot < m_replica.size(); ++slot)
        add(m_replica.entryAt(slot), +1);
    Q_EMIT changed();
}

// Counts `entry` in (+1) or out (-1) of every list and tag it belongs to, by
// the keys the replica holds for it now.
void SmartListCounts::add(const TaskReplica::Entry &entry, int sign)
{
    const TaskKeys &keys = m_replica.keysAt(entry.slot);
    for (std::size_t i = 0; i < m_matchers.size(); ++i) {
        if (m_matchers[i].matchesKeys(keys))
            m_counts[i] += sign;
    }
    for (qsizetype i = 0; i < entry.tagKeys.size(); ++i) {
        const QString &key = entry.tagKeys.at(i);
        auto it = m_tags.find(key);
        if (it == m_tags.end()) {
            if (sign < 0)
                continue;
            it = m_tags.insert(key, Tag{key, entry.task.tags.at(i), 0, 0});
        }
        it->all += sign;
        if (entry.isOpen())
            it->open += sign;
        if (it->all <= 0)
            m_tags.erase(it);
    }
}

QList<SmartListCounts::Tag> SmartListCounts::tags() const
{
    QList<Tag> tags = m_tags.values();
    std::sort(tags.begin(), tags.end(), [](const Tag &a, const Tag &b) {
        const int order = a.name.compare(b.name, Qt::CaseInsensitive);
        return order != 0 ? order < 0 : a.key < b.key;
    });
    return tags;
}

} // namespace tandem
