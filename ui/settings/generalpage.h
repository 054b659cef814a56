#pragma once

#include "settingspage.h"

class QCheckBox;

namespace tandem {

// Settings ▸ General: whether closing the window keeps Tandem running in the
// tray, and where the data and the settings live (shown, not edited here).
class GeneralPage final : public SettingsPage
{
    Q_OBJECT

public:
    // `dataLocation`: the store, described for people ("the SQLite file …").
    explicit GeneralPage(const QString &dataLocation, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(GeneralPage)

    QString title() const override { return tr("General"); }
    int save(QSettings &settings) override;

private:
    QCheckBox *m_keepRunning = nullptr;
};

} // namespace tandem
