#pragma once

#include "settingspage.h"

class QCheckBox;
class QSpinBox;

namespace tandem {

// Settings ▸ Notifications: whether Tandem reminds of tasks coming due
// (Settings::remindersEnabled) and how many minutes ahead
// (Settings::reminderLeadMinutes); the reminders read both.
class NotificationsPage final : public SettingsPage
{
    Q_OBJECT

public:
    static constexpr int MaxLeadMinutes = 7 * 24 * 60; // a week

    explicit NotificationsPage(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(NotificationsPage)

    QString title() const override { return tr("Notifications"); }
    QString problem(QWidget **focus) const override;
    int save(QSettings &settings) override;

private:
    QCheckBox *m_enabled = nullptr;
    QSpinBox *m_lead = nullptr;
};

} // namespace tandem
