#include "appearancepage.h"

#include "domain/settingsschema.h"

#include <QButtonGroup>
#include <QGroupBox>
#include <QLabel>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

namespace tandem {

AppearancePage::AppearancePage(Appearance *appearance, QWidget *parent)
    : SettingsPage(parent)
    , m_appearance(appearance)
    , m_saved(Appearance::parse(AppSettings().value(Settings::appearanceTheme)))
{
    auto *box = new QGroupBox(tr("Theme"), this);
    m_themes = new QButtonGroup(this);
    auto *boxLayout = new QVBoxLayout(box);
    const struct
    {
        Appearance::Theme theme;
        QString name;
        QString objectName;
        QString about;
    } choices[] = {
        {Appearance::Theme::System, tr("Same as the system"), QStringLiteral("themeSystem"),
         tr("Light or dark as your desktop is set, changing when it does.")},
        {Appearance::Theme::Light, tr("Light"), QStringLiteral("themeLight"), tr("Dark text on light backgrounds.")},
        {Appearance::Theme::Dark, tr("Dark"), QStringLiteral("themeDark"),
         tr("Light text on dark backgrounds, easier on the eyes at night.")},
    };
    for (const auto &choice : choices) {
        auto *button = new QRadioButton(choice.name, box);
        button->setObjectName(choice.objectName);
        describe(button, tr("Theme: %1").arg(choice.name), choice.about);
        m_themes->addButton(button, int(choice.theme));
        auto *about = new QLabel(choice.about, box);
        about->setWordWrap(true);
        about->setIndent(24);
        about->setForegroundRole(QPalette::PlaceholderText);
        boxLayout->addWidget(button);
        boxLayout->addWidget(about);
    }
    choose(m_saved);
    auto *live = new QLabel(tr("Every window changes at once; OK keeps the choice, Cancel goes back."), this);
    live->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);
    layout->addWidget(live);
    layout->addStretch(1);

    connect(m_themes, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (checked && m_appearance)
            m_appearance->apply(Appearance::Theme(id));
    });
}

Appearance::Theme AppearancePage::chosen() const
{
    return Appearance::Theme(m_themes->checkedId());
}

void AppearancePage::choose(Appearance::Theme theme)
{
    if (auto *button = m_themes->button(int(theme)))
        button->setChecked(true);
}

int AppearancePage::save(QSettings &settings)
{
    AppSettings app(settings);
    Appearance::save(app, chosen());
    m_saved = chosen();
    if (m_appearance && m_appearance->theme() != m_saved)
        m_appearance->apply(m_saved);
    return NoChange;
}

void AppearancePage::discard()
{
    if (m_appearance && m_appearance->theme() != m_saved)
        m_appearance->apply(m_saved);
}

} // namespace tandem
