#pragma once

#include <QList>
#include <QString>

namespace tandem::bench {

// What a user feels once the list is up: each search keystroke from the key
// event to the list repainted, and how late a 4 ms timer fires while 50
// changes a second arrive (the event loop's lag).
struct Interaction
{
    QList<double> keystrokeMs;
    QList<double> lagMs;
    QList<double> applyMs; // each change's own call (the model, counts and sidebar; not the view's layout)
    int shownRows = 0; // rows in the list before the search
    int changes = 0; // changes applied during the lag run
};

// The dashboard (DashboardView over TaskModel over the shared TaskReplica) on
// the tasks of `dataDir`, loaded through TaskReplicaFeed as the app loads them;
// the peer: the same tasks' open ones in a QStandardItemModel behind a
// QSortFilterProxyModel (the textbook Qt list), searched and changed the same way.
// Both run in this process, one after the other. Empty on failure, with `error` set.
struct InteractionPair
{
    Interaction tandem;
    Interaction peer;
};
InteractionPair measureInteraction(const QString &dataDir, int keystrokes, int lagSeconds, QString *error);

} // namespace tandem::bench
