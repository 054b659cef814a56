#pragma once

#include "common/appearance.h"
#include "settingspage.h"

class QButtonGroup;

namespace tandem {

// Settings ▸ Appearance: System, Light or Dark. A choice shows at once in
// every window (a preview until OK; Cancel goes back) and is kept in
// Settings::appearanceTheme.
class AppearancePage final : public SettingsPage
{
    Q_OBJECT

public:
    // `appearance` applies the theme live; nullptr only saves it.
    explicit AppearancePage(Appearance *appearance, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(AppearancePage)

    QString title() const override { return tr("Appearance"); }
    int save(QSettings &settings) override;
    void discard() override;

    Appearance::Theme chosen() const;
    void choose(Appearance::Theme theme);

private:
    Appearance *m_appearance = nullptr;
    Appearance::Theme m_saved = Appearance::Theme::System;
    QButtonGroup *m_themes = nullptr;
};

} // namespace tandem
