#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace tandem {

class AppSettings;

// What one main window brings back at the next start.
struct WindowSession
{
    QByteArray geometry; // QWidget::saveGeometry(); empty: the default size
    QByteArray state; // QMainWindow::saveState(): the docks
    bool showCompleted = false;
    // chatPlacementName(): where the assistant's chat was (docked, floating, full page, bubble, hidden).
    QString chatPlacement = QStringLiteral("docked");

    friend bool operator==(const WindowSession &, const WindowSession &) = default;
};

// At most this many windows come back (a damaged or hostile file cannot open thousands).
inline constexpr qsizetype maxRestoredWindows = 16;

// Settings::windowSet's bytes: a version, then each window in the order they were opened.
QByteArray encodeWindowSessions(const QList<WindowSession> &sessions);
// nullopt when the bytes are not a set this version of Tandem wrote.
std::optional<QList<WindowSession>> decodeWindowSessions(const QByteArray &bytes);

// The windows to open at start: Settings::windowSet, else the single window an
// older Tandem saved (window/geometry, window/state, window/showCompleted),
// else one default window. Never empty.
QList<WindowSession> loadWindowSessions(const AppSettings &settings);
// Replaces the saved set (and drops the older single-window keys: they are migrated).
void saveWindowSessions(AppSettings &settings, const QList<WindowSession> &sessions);

} // namespace tandem
