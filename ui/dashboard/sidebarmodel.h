#pragma once

#include "dashboard/listchoice.h"
#include "services/smartlistcounts.h"

#include <QAbstractListModel>

namespace tandem {

// The sidebar's entries: the smart lists, a "Tags" heading, then one entry
// per tag, each with its live count (SmartListCounts). Counts change in
// place; the tag entries are rebuilt when a tag appears or goes.
class SidebarModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        CountRole = Qt::UserRole + 1, // int; absent on the heading
        HeadingRole, // bool: the "Tags" heading
    };

    explicit SidebarModel(SmartListCounts &counts, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SidebarModel)

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    bool isHeading(int row) const;
    ListChoice choiceAt(int row) const;
    // The row of a choice; -1 when it is not listed (a tag that went).
    int rowOf(const ListChoice &choice) const;
    static QString listName(SmartList list);

private:
    void refresh();
    int tagRow(int tag) const { return int(std::size(allSmartLists)) + 1 + tag; }

    SmartListCounts &m_counts;
    QList<SmartListCounts::Tag> m_tags;
};

} // namespace tandem
