#pragma once

#include <QString>
#include <QWidget>

class QSettings;

namespace tandem {

// One page of the settings window. The window asks every page for a problem
// before it saves anything, so invalid input on any page saves nothing.
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    // What a save changed, for the window's signals.
    enum Change { NoChange = 0, ServerChanged = 1, AssistantChanged = 2 };

    using QWidget::QWidget;
    Q_DISABLE_COPY_MOVE(SettingsPage)

    // The page's name in the list.
    virtual QString title() const = 0;
    // What is wrong with the input, saying what to fix; empty when nothing.
    // `focus` is set to the control to fix.
    virtual QString problem(QWidget **focus) const
    {
        Q_UNUSED(focus)
        return {};
    }
    // Writes the page's settings (after every page had no problem); returns Change flags.
    virtual int save(QSettings &settings) = 0;
    // The window was cancelled: undo anything previewed live.
    virtual void discard() { }

protected:
    // Names a control for screen readers and gives it a tooltip with the full text.
    static void describe(QWidget *control, const QString &name, const QString &toolTip = {})
    {
        control->setAccessibleName(name);
        control->setToolTip(toolTip.isEmpty() ? name : toolTip);
    }
};

} // namespace tandem
