#include "generalpage.h"

#include "domain/settingsschema.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace tandem {

namespace {
QLabel *selectableText(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setToolTip(text);
    return label;
}
} // namespace

GeneralPage::GeneralPage(const QString &dataLocation, QWidget *parent)
    : SettingsPage(parent)
{
    const AppSettings settings;
    auto *running = new QGroupBox(tr("When the window closes"), this);
    m_keepRunning = new QCheckBox(tr("Keep Tandem running in the system tray"), running);
    m_keepRunning->setObjectName(QStringLiteral("keepRunningInTray"));
    m_keepRunning->setChecked(settings.value(Settings::keepRunningInTray));
    describe(m_keepRunning, m_keepRunning->text(),
             tr("Closing the last window keeps Tandem running in the tray, so phones and the web page stay in "
                "sync and reminders still appear. Quit from the tray icon or File ▸ Quit."));
    auto *runningNote = new QLabel(tr("Phones and the web page sync with this computer only while Tandem runs. "
                                      "Where the desktop has no tray, closing the window quits."),
                                   running);
    runningNote->setWordWrap(true);
    auto *runningLayout = new QVBoxLayout(running);
    runningLayout->addWidget(m_keepRunning);
    runningLayout->addWidget(runningNote);

    auto *where = new QGroupBox(tr("Where your data lives"), this);
    auto *dataText = selectableText(tr("Tasks: %1").arg(dataLocation.isEmpty() ? tr("unknown") : dataLocation), where);
    dataText->setObjectName(QStringLiteral("dataLocation"));
    dataText->setAccessibleName(tr("Data location"));
    auto *file = selectableText(tr("Settings: %1").arg(settings.fileName()), where);
    file->setObjectName(QStringLiteral("settingsLocation"));
    file->setAccessibleName(tr("Settings file"));
    auto *howToMove
        = new QLabel(tr("To keep your tasks elsewhere, start Tandem with --data-dir or --database."), where);
    howToMove->setWordWrap(true);
    auto *whereLayout = new QVBoxLayout(where);
    whereLayout->addWidget(dataText);
    whereLayout->addWidget(file);
    whereLayout->addWidget(howToMove);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(running);
    layout->addWidget(where);
    layout->addStretch(1);
}

int GeneralPage::save(QSettings &settings)
{
    AppSettings app(settings);
    app.setValue(Settings::keepRunningInTray, m_keepRunning->isChecked());
    return NoChange;
}

} // namespace tandem
