#include "windowsession.h"

#include "domain/settingsschema.h"

#include <QDataStream>
#include <QIODevice>
#include <QLoggingCategory>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcWindows, "tandem.windows")

// "TWS" and a format: 1 kept geometry, docks and the completed toggle; 2 adds the chat's placement.
constexpr quint32 magicV1 = 0x54'57'53'01;
constexpr quint32 magic = 0x54'57'53'02;
constexpr auto streamVersion = QDataStream::Qt_6_4;
} // namespace

QByteArray encodeWindowSessions(const QList<WindowSession> &sessions)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(streamVersion);
    out << magic << quint32(sessions.size());
    for (const WindowSession &session : sessions)
        out << session.geometry << session.state << session.showCompleted << session.chatPlacement;
    return bytes;
}

std::optional<QList<WindowSession>> decodeWindowSessions(const QByteArray &bytes)
{
    QDataStream in(bytes);
    in.setVersion(streamVersion);
    quint32 header = 0;
    quint32 count = 0;
    in >> header >> count;
    if (in.status() != QDataStream::Ok || (header != magic && header != magicV1))
        return std::nullopt;
    QList<WindowSession> sessions;
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        WindowSession session;
        in >> session.geometry >> session.state >> session.showCompleted;
        if (header == magic)
            in >> session.chatPlacement;
        if (in.status() == QDataStream::Ok && sessions.size() < maxRestoredWindows)
            sessions.append(session);
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return std::nullopt;
    return sessions;
}

QList<WindowSession> loadWindowSessions(const AppSettings &settings)
{
    if (settings.contains(Settings::windowSet)) {
        auto sessions = decodeWindowSessions(settings.value(Settings::windowSet));
        if (sessions && !sessions->isEmpty())
            return *sessions;
        if (!sessions)
            qCWarning(lcWindows) << "ignoring the unreadable" << Settings::windowSet.key() << "in"
                                 << settings.fileName();
        return {WindowSession{}};
    }
    // Tandem 0.1 kept one window's geometry and docks.
    WindowSession single;
    single.geometry = settings.value(Settings::windowGeometry);
    single.state = settings.value(Settings::windowState);
    single.showCompleted = settings.value(Settings::windowShowCompleted);
    return {single};
}

void saveWindowSessions(AppSettings &settings, const QList<WindowSession> &sessions)
{
    settings.setValue(Settings::windowSet, encodeWindowSessions(sessions));
    settings.remove(Settings::windowGeometry);
    settings.remove(Settings::windowState);
    settings.remove(Settings::windowShowCompleted);
}

} // namespace tandem
