#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

namespace tandem {

class AppSettings;

// The application's look: System, Light or Dark, applied live to every
// window (one application-wide palette; widgets that paint themselves read
// it, so nothing needs a restart). Dark uses the Fusion style, whose
// controls follow the palette on every platform. "System" follows the OS:
// with Qt 6.5+ its colour scheme (and its changes), before that the platform
// palette as it was when this object was made.
class Appearance final : public QObject
{
    Q_OBJECT

public:
    enum class Theme { System, Light, Dark };
    Q_ENUM(Theme)

    // Remembers the platform's own palette and style: make it before any
    // other code sets an application palette.
    explicit Appearance(QObject *parent = nullptr);
    ~Appearance() override;
    Q_DISABLE_COPY_MOVE(Appearance)

    Theme theme() const { return m_theme; }
    // Whether the palette in use is dark (System resolved).
    bool isDark() const { return m_dark; }
    // Applies `theme` to the whole application now; saves nothing.
    void apply(Theme theme);
    // Applies the theme Settings::appearanceTheme names (System when unknown).
    void applySaved(const AppSettings &settings);
    static void save(AppSettings &settings, Theme theme);

    // "system", "light", "dark" as stored; anything else is System (`ok` false).
    static Theme parse(const QString &name, bool *ok = nullptr);
    static QString name(Theme theme);
    // The dark palette Tandem uses (Fusion-based).
    static QPalette darkPalette();
    static QPalette lightPalette();

Q_SIGNALS:
    // The application palette changed (a new theme, or the OS switched while
    // on System). Open widgets take it from the event loop, moments later.
    void changed(bool dark);

private:
    bool systemIsDark() const;
    void onSystemSchemeChanged();

    Theme m_theme = Theme::System;
    bool m_dark = false;
    QPalette m_platformPalette;
    QString m_platformStyle;
};

} // namespace tandem
