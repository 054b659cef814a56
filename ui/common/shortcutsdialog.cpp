#include "shortcutsdialog.h"

#include <QAction>
#include <QCollator>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace tandem {

namespace {
// "&Settings…" → "Settings"; "&&" stays one "&".
QString plainText(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    if (text.endsWith(u'…'))
        text.chop(1);
    else if (text.endsWith(QStringLiteral("...")))
        text.chop(3);
    return text.trimmed();
}
} // namespace

QList<ShortcutsDialog::Entry> ShortcutsDialog::collect(const QWidget *window)
{
    QList<Entry> entries;
    QSet<const QAction *> seen;
    QSet<QString> rows;
    const auto actions = window->findChildren<QAction *>();
    for (const QAction *action : actions) {
        if (seen.contains(action) || action->isSeparator() || action->shortcuts().isEmpty())
            continue;
        seen.insert(action);
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys.append(key.toString(QKeySequence::NativeText));
        Entry entry{plainText(action->text()), keys.join(QStringLiteral(", "))};
        if (entry.action.isEmpty() || rows.contains(entry.action + entry.keys))
            continue; // the same action shown twice (a menu and a toolbar)
        rows.insert(entry.action + entry.keys);
        entries.append(entry);
    }
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(entries.begin(), entries.end(),
              [&collator](const Entry &a, const Entry &b) { return collator.compare(a.action, b.action) < 0; });
    return entries;
}

ShortcutsDialog::ShortcutsDialog(QWidget *window, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("ShortcutsDialog"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("shortcutList"));
    m_list->setAccessibleName(tr("Keyboard shortcuts"));
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Action"), tr("Keys")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    const QList<Entry> entries = collect(window);
    for (const Entry &entry : entries) {
        auto *item = new QTreeWidgetItem(m_list, {entry.action, entry.keys});
        item->setToolTip(0, entry.action);
        item->setToolTip(1, entry.keys);
    }
    auto *note = new QLabel(tr("Text fields also take the usual editing keys (copy, paste, select all)."), this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(460, 420);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

} // namespace tandem
