#pragma once

#include "domain/smartlist.h"
#include "domain/taskquery.h"
#include "services/taskreplica.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <array>
#include <vector>

class QTimer;

namespace tandem {

// How many tasks each smart list (domain/smartlist.h) and each tag holds,
// counted from a TaskReplica in one pass and then kept current change by
// change (a change moves a task between lists in O(1)). The lists that
// depend on the clock (Today, Upcoming, Overdue) are recounted each minute
// and when the day turns.
class SmartListCounts final : public QObject
{
    Q_OBJECT

public:
    struct Tag
    {
        QString key; // tagKey()
        QString name; // as first written
        int open = 0; // open tasks with it (what its list shows)
        int all = 0; // live tasks with it, completed too
    };

    explicit SmartListCounts(TaskReplica &replica, QObject *parent = nullptr);
    ~SmartListCounts() override;
    Q_DISABLE_COPY_MOVE(SmartListCounts)

    int count(SmartList list) const { return m_counts[std::size_t(list)]; }
    // Every tag some live task has, sorted by name ignoring case.
    QList<Tag> tags() const;
    // Counts everything again as of `now` (the current time when invalid).
    void recount(const QDateTime &now = {});

Q_SIGNALS:
    // Fires after any count changed (once per replica change or recount).
    void changed();

private:
    void add(const TaskReplica::Entry &entry, int sign);
    void compile(const QDateTime &now);

    TaskReplica &m_replica;
    std::vector<TaskMatcher> m_matchers; // one per SmartList, compiled at the last recount
    std::array<int, std::size(allSmartLists)> m_counts{};
    QHash<QString, Tag> m_tags; // by key
    QTimer *m_clock = nullptr;
};

} // namespace tandem
