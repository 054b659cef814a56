#include "commandline.h"

#include "store/storeconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>

namespace tandem {

QString programName(const QStringList &arguments)
{
    const QString name = arguments.isEmpty() ? QString() : QFileInfo(arguments.first()).completeBaseName();
    return name.isEmpty() ? QStringLiteral("tandem") : name;
}

QString usageMessage(const QString &program, const QString &message)
{
    return QStringLiteral("%1: %2. Run '%1 --help' for the options.").arg(program, message);
}

bool loadTls(LaunchOptions &options, const QString &program, QString *error)
{
    if (options.tlsCertFile.isEmpty())
        return true;
    auto tls = sync::loadTlsCredentials(options.tlsCertFile, options.tlsKeyFile);
    if (!tls) {
        *error = usageMessage(program, tls.error().message);
        return false;
    }
    options.tls = std::move(tls).value();
    return true;
}

LaunchOptions parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Tandem: your tasks and an AI task assistant, side by side, in sync everywhere."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version and exit."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Keep the SQLite database in DIR instead of the default place."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption database(
        QStringLiteral("database"),
        QStringLiteral("Use a PostgreSQL database: postgres://user[:password]@host[:port]/dbname."),
        QStringLiteral("URL"));
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QStringLiteral("Run without a window until interrupted (SIGINT/SIGTERM)."));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QStringLiteral("Serve sync and the web page on port N (default 8263; 0 picks a free one)."),
        QStringLiteral("N"));
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  QStringLiteral("Listen on this address only (default 127.0.0.1)."),
                                  QStringLiteral("ADDRESS"));
    const QCommandLineOption lan(QStringLiteral("lan"),
                                 QStringLiteral("Listen on every network interface, so phones and other computers on "
                                                "your network can connect (sign-up then needs an invite)."));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve HTTPS and WSS with this PEM certificate (chain); needs --tls-key. For --lan: without "
                       "it, passwords cross the network in clear text."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    QStringLiteral("The PEM private key of --tls-cert (RSA or EC, unencrypted)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption invite(QStringLiteral("invite"),
                                    QStringLiteral("Print a single-use invite code for signing up from another device, "
                                                   "and exit."));
    const QCommandLineOption setPassword(
        QStringLiteral("set-password"),
        QStringLiteral("Read a new password for your account from standard input (for signing in from elsewhere), and "
                       "exit."));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QStringLiteral("Log what Tandem does (opening the store, migrations) to stderr."));
    parser.addOptions(
        {help, version, dataDir, database, headless, port, bind, lan, tlsCert, tlsKey, invite, setPassword, verbose});

    LaunchOptions options;
    const QString program = programName(arguments);
    auto usageError = [&](const QString &message) {
        options.action = LaunchOptions::Action::UsageError;
        options.message = usageMessage(program, message);
        return options;
    };

    if (!parser.parse(arguments)) {
        QString error = parser.errorText().simplified();
        while (error.endsWith(u'.'))
            error.chop(1);
        return usageError(error);
    }
    if (parser.isSet(help)) {
        options.action = LaunchOptions::Action::ShowHelp;
        // Parsed before QCoreApplication exists, so name the program ourselves.
        options.message = parser.helpText().replace(QStringLiteral("<executable_name>"), program);
        return options;
    }
    if (parser.isSet(version)) {
        options.action = LaunchOptions::Action::ShowVersion;
        options.message = QStringLiteral("%1 %2").arg(program, QStringLiteral(TANDEM_VERSION));
        return options;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    if (parser.values(dataDir).size() > 1 || parser.values(database).size() > 1)
        return usageError(QStringLiteral("--data-dir and --database may each be given once"));
    if (parser.isSet(dataDir) && parser.isSet(database))
        return usageError(QStringLiteral("choose either --data-dir (SQLite) or --database (PostgreSQL), not both"));
    for (const QCommandLineOption *single : {&port, &bind, &tlsCert, &tlsKey})
        if (parser.values(*single).size() > 1)
            return usageError(QStringLiteral("--%1 may be given once").arg(single->names().constFirst()));
    if (parser.isSet(port)) {
        bool ok = false;
        const uint number = parser.value(port).toUInt(&ok);
        if (!ok || number > 65535)
            return usageError(
                QStringLiteral("--port needs a number from 0 to 65535 (got '%1')").arg(parser.value(port)));
        options.port = quint16(number);
    }
    if (parser.isSet(bind)) {
        const QHostAddress address(parser.value(bind));
        if (address.isNull())
            return usageError(QStringLiteral("--bind needs an IP address such as 127.0.0.1 or ::1 (got '%1')")
                                  .arg(parser.value(bind)));
        options.bindAddress = address.toString();
    }
    options.lan = parser.isSet(lan);
    if (options.lan && parser.isSet(bind))
        return usageError(QStringLiteral("choose either --lan (every interface) or --bind ADDRESS, not both"));
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return usageError(QStringLiteral("--tls-cert and --tls-key go together: give both or neither"));
    options.tlsCertFile = parser.value(tlsCert);
    options.tlsKeyFile = parser.value(tlsKey);
    if (parser.isSet(tlsCert) && (options.tlsCertFile.isEmpty() || options.tlsKeyFile.isEmpty()))
        return usageError(QStringLiteral("--tls-cert and --tls-key need a file each"));
    if (parser.isSet(invite) && parser.isSet(setPassword))
        return usageError(QStringLiteral("choose either --invite or --set-password, not both"));
    if (parser.isSet(invite))
        options.action = LaunchOptions::Action::IssueInvite;
    if (parser.isSet(setPassword))
        options.action = LaunchOptions::Action::SetPassword;
    options.headless = parser.isSet(headless);
    options.verbose = parser.isSet(verbose);
    options.dataDir = parser.value(dataDir);
    options.databaseUrl = parser.value(database);
    if (parser.isSet(dataDir) && (options.dataDir.trimmed().isEmpty() || options.dataDir.startsWith(u'-')))
        return usageError(QStringLiteral("--data-dir needs a directory (got '%1')").arg(options.dataDir));
    if (parser.isSet(database) && options.databaseUrl.trimmed().isEmpty())
        return usageError(QStringLiteral("--database needs a URL such as postgres://me@localhost/tandem"));
    if (parser.isSet(database)) {
        if (auto url = parseDatabaseUrl(options.databaseUrl); !url)
            return usageError(QStringLiteral("--database: ") + url.error().message);
    }
    return options;
}

} // namespace tandem
