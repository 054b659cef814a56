#include "notificationspage.h"

#include "domain/settingsschema.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tandem {

NotificationsPage::NotificationsPage(QWidget *parent)
    : SettingsPage(parent)
{
    const AppSettings settings;
    auto *box = new QGroupBox(tr("Reminders"), this);
    m_enabled = new QCheckBox(tr("Remind me when a task with a due time comes due"), box);
    m_enabled->setObjectName(QStringLiteral("remindersEnabled"));
    m_enabled->setChecked(settings.value(Settings::remindersEnabled));
    describe(m_enabled, m_enabled->text(),
             tr("A desktop notification at each task's due time (or earlier, below), while Tandem runs."));
    m_lead = new QSpinBox(box);
    m_lead->setObjectName(QStringLiteral("reminderLeadMinutes"));
    m_lead->setRange(0, MaxLeadMinutes);
    m_lead->setSuffix(tr(" min before"));
    m_lead->setSpecialValueText(tr("At the due time"));
    m_lead->setValue(qBound(0, settings.value(Settings::reminderLeadMinutes), MaxLeadMinutes));
    describe(m_lead, tr("Minutes before the due time"),
             tr("How many minutes before a task's due time the reminder appears (0: at the due time; at most %1).")
                 .arg(MaxLeadMinutes));
    m_lead->setEnabled(m_enabled->isChecked());
    connect(m_enabled, &QCheckBox::toggled, m_lead, &QWidget::setEnabled);

    auto *form = new QFormLayout(box);
    form->addRow(m_enabled);
    form->addRow(tr("Remind:"), m_lead);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);
    layout->addStretch(1);
}

QString NotificationsPage::problem(QWidget **focus) const
{
    if (m_lead->hasAcceptableInput())
        return {};
    *focus = m_lead;
    return tr("Reminders: enter how many minutes before the due time to remind you, from 0 to %1.").arg(MaxLeadMinutes);
}

int NotificationsPage::save(QSettings &settings)
{
    AppSettings app(settings);
    app.setValue(Settings::remindersEnabled, m_enabled->isChecked());
    app.setValue(Settings::reminderLeadMinutes, m_lead->value());
    return NoChange;
}

} // namespace tandem
