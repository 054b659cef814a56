#pragma once

#include "sync/tlscredentials.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace tandem {

// What the command line asked for.
struct LaunchOptions
{
    enum class Action { Run, ShowHelp, ShowVersion, UsageError, IssueInvite, SetPassword };

    Action action = Action::Run;
    QString message; // help text, version line, or the usage error (one line)
    bool headless = false;
    bool verbose = false;
    QString dataDir; // empty: the platform's app-data location
    QString databaseUrl; // empty: SQLite (or the settings)

    // The sync server. Unset values come from the settings, then the defaults.
    std::optional<quint16> port; // 0 picks a free port
    QString bindAddress; // a literal address; empty: loopback
    bool lan = false; // listen on every interface
    QString tlsCertFile; // --tls-cert and --tls-key: both or neither
    QString tlsKeyFile;
    // Read from those files by loadTls() once a QCoreApplication exists (Qt's
    // TLS backend must not load before it).
    std::optional<sync::TlsCredentials> tls;
};

// Exit codes shared by every way Tandem ends.
namespace ExitCode {
inline constexpr int Ok = 0;
inline constexpr int Failure = 1; // the database or the platform failed; the message says what to do
inline constexpr int Usage = 2; // a bad flag or value
} // namespace ExitCode

// Parses argv (without needing a QCoreApplication). Never exits the process.
LaunchOptions parseCommandLine(const QStringList &arguments);
// Reads --tls-cert and --tls-key into `options.tls`, if given. A missing,
// unreadable or mismatched file is a usage error, its message in `error`.
bool loadTls(LaunchOptions &options, const QString &program, QString *error);
// "PROGRAM: MESSAGE. Run 'PROGRAM --help' for the options."
QString usageMessage(const QString &program, const QString &message);
// The executable's name as the user typed it ("tandem", "tandem-server"), for messages.
QString programName(const QStringList &arguments);

} // namespace tandem
