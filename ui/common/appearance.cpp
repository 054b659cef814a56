#include "appearance.h"

#include "domain/settingsschema.h"

#include <QApplication>
#include <QStyle>
#include <QStyleHints>

namespace tandem {

namespace {
const QString fusion = QStringLiteral("Fusion");

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

void useStyle(const QString &name)
{
    if (name.isEmpty() || QApplication::style()->name().compare(name, Qt::CaseInsensitive) == 0)
        return;
    QApplication::setStyle(name);
}
} // namespace

Appearance::Appearance(QObject *parent)
    : QObject(parent)
    , m_dark(isDarkPalette(QGuiApplication::palette()))
    , m_platformPalette(QGuiApplication::palette())
    , m_platformStyle(QApplication::style() ? QApplication::style()->name() : QString())
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, this, &Appearance::onSystemSchemeChanged);
#endif
}

Appearance::~Appearance() = default;

Appearance::Theme Appearance::parse(const QString &name, bool *ok)
{
    const QString text = name.trimmed().toLower();
    if (ok)
        *ok = true;
    if (text == u"light")
        return Theme::Light;
    if (text == u"dark")
        return Theme::Dark;
    if (ok)
        *ok = text == u"system";
    return Theme::System;
}

QString Appearance::name(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

void Appearance::applySaved(const AppSettings &settings)
{
    apply(parse(settings.value(Settings::appearanceTheme)));
}

void Appearance::save(AppSettings &settings, Theme theme)
{
    settings.setValue(Settings::appearanceTheme, name(theme));
}

bool Appearance::systemIsDark() const
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    const Qt::ColorScheme scheme = QGuiApplication::styleHints()->colorScheme();
    if (scheme != Qt::ColorScheme::Unknown)
        return scheme == Qt::ColorScheme::Dark;
#endif
    // Qt 6.4 has no colour scheme: the platform's own palette tells.
    return isDarkPalette(m_platformPalette);
}

void Appearance::onSystemSchemeChanged()
{
    if (m_theme == Theme::System)
        apply(Theme::System);
}

void Appearance::apply(Theme theme)
{
    m_theme = theme;
    m_dark = theme == Theme::Dark || (theme == Theme::System && systemIsDark());
    if (m_dark) {
        useStyle(fusion);
        QApplication::setPalette(darkPalette());
    } else if (!isDarkPalette(m_platformPalette)) {
        // Light on a light desktop: the native look, untouched.
        useStyle(m_platformStyle);
        QApplication::setPalette(m_platformPalette);
    } else {
        // Light while the desktop is dark: its palette would not do.
        useStyle(fusion);
        QApplication::setPalette(lightPalette());
    }
    Q_EMIT changed(m_dark);
}

QPalette Appearance::darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1f, 0x20, 0x23);
    const QColor button(0x35, 0x37, 0x3c);
    const QColor text(0xe8, 0xe8, 0xea);
    const QColor disabledText(0x80, 0x82, 0x87);
    const QColor highlight(0x35, 0x74, 0xd4);

    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3b, 0x3e, 0x44));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9c, 0xa1));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, button);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x53));
    palette.setColor(QPalette::Midlight, QColor(0x40, 0x43, 0x48));
    palette.setColor(QPalette::Mid, QColor(0x26, 0x28, 0x2b));
    palette.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1d));
    palette.setColor(QPalette::Shadow, QColor(0x0d, 0x0d, 0x0e));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x7a, 0xb4, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb9, 0x9c, 0xf0));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Base, window);
    palette.setColor(QPalette::Disabled, QPalette::Button, window);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x53));
    palette.setColor(QPalette::Disabled, QPalette::HighlightedText, disabledText);
    palette.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0x2c, 0x5a, 0xa0));
    return palette;
}

QPalette Appearance::lightPalette()
{
    // Fusion's own light colours, built from its button and window grey.
    QPalette palette(QColor(0xef, 0xef, 0xef), QColor(0xef, 0xef, 0xef));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf7, 0xf7));
    palette.setColor(QPalette::Text, Qt::black);
    palette.setColor(QPalette::WindowText, Qt::black);
    palette.setColor(QPalette::ButtonText, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    palette.setColor(QPalette::ToolTipText, Qt::black);
    palette.setColor(QPalette::Link, QColor(0x00, 0x55, 0xbb));
    return palette;
}

} // namespace tandem
