#pragma once

#include "domain/smartlist.h"
#include "domain/taskquery.h"
#include "services/tasklistorder.h"

#include <QDateTime>
#include <QString>

namespace tandem {

// What the sidebar has chosen: a smart list, or a tag's list (every open task
// with that tag).
struct ListChoice
{
    SmartList list = SmartList::All;
    QString tagKey; // set: the tag's list
    QString tagName;

    bool isTag() const { return !tagKey.isEmpty(); }
    friend bool operator==(const ListChoice &a, const ListChoice &b)
    {
        return a.list == b.list && a.tagKey == b.tagKey;
    }
};

// The query a choice lists at `now` (the smart list's own definition).
// `showCompleted` adds the completed tasks that otherwise fit (the View menu's
// "Show Completed Tasks"); the Completed list shows only those anyway.
TaskQuery listQuery(const ListChoice &choice, bool showCompleted, const QDateTime &now);
// How the choice's list is grouped when grouping is on: by when (Today, All,
// tags), by day (Upcoming), or not at all (Overdue, No date, Completed).
TaskGrouping listGrouping(const ListChoice &choice);

} // namespace tandem
