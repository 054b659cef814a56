// Saves the AI model's API key (read from stdin) as the desktop app does and
// prints the outcome: "saved" or "failed <message>" (never the key).
// tst_llm_settings runs it where no keychain can be reached.
#include "assistant/llmsettings.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 2) {
        QTextStream(stderr) << "usage: tandem_llmkeyprobe KEYCHAIN-SERVICE < key\n";
        return 2;
    }
    const QString key = QTextStream(stdin).readLine();
    tandem::assistant::LlmKeyStore store;
    store.setKeychainEntry(arguments.at(1), QStringLiteral("llm-api-key"));
    QObject::connect(&store, &tandem::assistant::LlmKeyStore::saved, &app, [&app] {
        QTextStream(stdout) << "saved\n";
        app.exit(0);
    });
    QObject::connect(&store, &tandem::assistant::LlmKeyStore::failed, &app, [&app](const tandem::Error &error) {
        QTextStream(stdout) << "failed " << error.message << '\n';
        app.exit(1);
    });
    QTimer::singleShot(0, &store, [&store, key] { store.save(key); });
    return app.exec();
}
