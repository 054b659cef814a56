// Loads the token signing key as the server does and prints the outcome:
// "loaded <key size> <where kept>" or "failed <message>" (never the key).
// tst_signing_key runs it where no keychain can be reached.
#include "auth/signingkey.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 2) {
        QTextStream(stderr) << "usage: tandem_signingkeyprobe FALLBACK-DIRECTORY\n";
        return 2;
    }
    tandem::SigningKeyLoader loader(arguments.at(1));
    QObject::connect(&loader, &tandem::SigningKeyLoader::loaded, &app,
                     [&app](const QByteArray &key, const QString &whereKept) {
                         QTextStream(stdout) << "loaded " << key.size() << ' ' << whereKept << '\n';
                         app.exit(0);
                     });
    QObject::connect(&loader, &tandem::SigningKeyLoader::failed, &app, [&app](const tandem::Error &error) {
        QTextStream(stdout) << "failed " << error.message << '\n';
        app.exit(1);
    });
    QTimer::singleShot(0, &loader, &tandem::SigningKeyLoader::load);
    return app.exec();
}
