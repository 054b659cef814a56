#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>
#include <QString>

class QTreeWidget;

namespace tandem {

// Help ▸ Keyboard Shortcuts: every shortcut of a window, read from the
// window's own actions (menus, toolbars, views) when the dialog opens, so the
// list cannot drift from what the keys do.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT

public:
    struct Entry
    {
        QString action; // the action's text without mnemonics ("Settings", not "&Settings…")
        QString keys; // every shortcut, as the platform writes them, ", "-separated
    };

    explicit ShortcutsDialog(QWidget *window, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

    // The window's actions that have a shortcut, each once, sorted by name.
    static QList<Entry> collect(const QWidget *window);
    QTreeWidget *list() const { return m_list; }

private:
    QTreeWidget *m_list = nullptr;
};

} // namespace tandem
